package dev.tandem.server.store.sqlite;

import dev.tandem.server.store.CommitListener;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds the writer thread in its commit listener after the first commit it sees while armed, until
 * {@link #release} is counted down: the writes submitted meanwhile all go into the next
 * transaction, which makes "these writes share one transaction" a fact rather than a timing.
 */
final class WriterGate implements CommitListener {
  volatile boolean armed;
  /** Commits without ops (a room's creation) pass through: the test has already waited for them. */
  private final boolean onlyCommitsWithOps;
  final CountDownLatch entered = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);

  private WriterGate(boolean armed, boolean onlyCommitsWithOps) {
    this.armed = armed;
    this.onlyCommitsWithOps = onlyCommitsWithOps;
  }

  /** Holds after the very first commit. */
  static WriterGate atFirstCommit() {
    return new WriterGate(true, false);
  }

  /** Holds after the first commit with ops once {@link #armed} is set. */
  static WriterGate atFirstAppendOnceArmed() {
    return new WriterGate(false, true);
  }

  @Override
  public void committed(int writes, int opCount, long nanos) {
    if (!armed || (onlyCommitsWithOps && opCount == 0)) {
      return;
    }
    if (entered.getCount() > 0) {
      entered.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
