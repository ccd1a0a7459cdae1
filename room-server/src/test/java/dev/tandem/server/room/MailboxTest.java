package dev.tandem.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Many threads tell one mailbox on a multi-thread executor: one handler at a time, per-sender order. */
class MailboxTest {
  @Test
  void handlesOneMessageAtATimeInEachSendersOrder() throws Exception {
    int senders = 8;
    int perSender = 5_000;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    List<List<Integer>> seen = new ArrayList<>();
    for (int i = 0; i < senders; i++) {
      seen.add(new ArrayList<>()); // only touched by the handler: confined to "the room's thread"
    }
    CountDownLatch done = new CountDownLatch(senders * perSender);
    Mailbox<int[]> mailbox = new Mailbox<>(pool, m -> {
      if (inside.incrementAndGet() != 1) {
        overlaps.incrementAndGet();
      }
      seen.get(m[0]).add(m[1]);
      inside.decrementAndGet();
      done.countDown();
    }, t -> { throw new AssertionError(t); });
    List<Thread> threads = new ArrayList<>();
    for (int s = 0; s < senders; s++) {
      int sender = s;
      threads.add(Thread.ofPlatform().start(() -> {
        for (int i = 0; i < perSender; i++) {
          mailbox.tell(new int[] {sender, i});
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    pool.shutdown();
    assertThat(overlaps.get()).isZero();
    for (List<Integer> fromOne : seen) {
      assertThat(fromOne).hasSize(perSender).isSorted();
    }
  }
}
