package dev.tandem.sync.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A transport whose connect blocks until {@link #release}: the session's engine thread, which
 * makes the connect, is stuck there, so everything the UI queues meanwhile waits for one drain.
 * The connect then returns a {@link SilentConnection}.
 */
final class BlockingConnect {
  /** Counted down when the engine reached the connect. */
  final CountDownLatch connecting = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);
  private final long maxSeconds;

  /** {@code maxSeconds}: the connect gives up waiting after that long (a test that forgot to release). */
  BlockingConnect(long maxSeconds) {
    this.maxSeconds = maxSeconds;
  }

  Transport transport() {
    return (url, listener) -> {
      connecting.countDown();
      try {
        released.await(maxSeconds, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new SilentConnection();
    };
  }

  /** Waits until the engine is stuck in the connect. */
  boolean awaitConnecting(long seconds) throws InterruptedException {
    return connecting.await(seconds, TimeUnit.SECONDS);
  }

  void release() {
    released.countDown();
  }
}
