package dev.tandem.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.Values.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The presence throttle in virtual time: a fake clock and a fake scheduler, no wall clock. At most
 * one message per 100 ms, only on change, trailing edge (the latest selection goes out when the
 * interval ends).
 */
class PresenceThrottleTest {
  static final long MS = 1_000_000L;
  static final long INTERVAL = 100 * MS;

  /** Virtual time: tasks run when {@link #advanceTo} passes their due time. */
  static final class VirtualTime implements PresenceThrottle.Scheduler {
    record Task(long due, long seq, Runnable run, boolean[] cancelled) {}

    long now = 1_000 * MS; // an arbitrary start: the throttle must not assume 0 means "never"
    long seq;
    final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) ->
        a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));

    @Override
    public Runnable schedule(Runnable task, long delayNanos) {
      assertThat(delayNanos).isPositive();
      boolean[] cancelled = {false};
      tasks.add(new Task(now + delayNanos, seq++, task, cancelled));
      return () -> cancelled[0] = true;
    }

    void advanceTo(long t) {
      while (!tasks.isEmpty() && tasks.peek().due <= t) {
        Task task = tasks.poll();
        now = task.due;
        if (!task.cancelled[0]) {
          task.run.run();
        }
      }
      now = Math.max(now, t);
    }

    void advanceBy(long d) {
      advanceTo(now + d);
    }
  }

  record Sent(long at, List<Range> ranges) {}

  final VirtualTime time = new VirtualTime();
  final List<Sent> sent = new ArrayList<>();
  boolean online = true;
  final PresenceThrottle throttle = new PresenceThrottle(INTERVAL, () -> time.now, time, r -> {
    if (!online) {
      return false;
    }
    sent.add(new Sent(time.now, r));
    return true;
  });

  static List<Range> caret(int i) {
    return List.of(new Range(i, i));
  }

  @Test
  void theFirstChangeGoesOutAtOnceAndTheLatestOfABurstOnTheTrailingEdge() {
    long t0 = time.now;
    throttle.set(caret(1));
    assertThat(sent).containsExactly(new Sent(t0, caret(1)));
    time.advanceBy(10 * MS);
    throttle.set(caret(2));
    time.advanceBy(30 * MS);
    throttle.set(caret(3));
    time.advanceBy(30 * MS);
    throttle.set(caret(4));
    assertThat(sent).hasSize(1); // 70 ms after the first: nothing yet
    time.advanceBy(29 * MS);
    assertThat(sent).hasSize(1);
    time.advanceBy(1 * MS);
    // exactly 100 ms after the first, only the latest of the three
    assertThat(sent).containsExactly(new Sent(t0, caret(1)), new Sent(t0 + INTERVAL, caret(4)));
    time.advanceBy(1_000 * MS);
    assertThat(sent).hasSize(2); // nothing changed since: nothing more
  }

  @Test
  void anUnchangedSelectionIsNotSent() {
    throttle.set(caret(5));
    time.advanceBy(500 * MS);
    throttle.set(caret(5));
    throttle.set(List.of(new Range(5, 5)));
    assertThat(sent).hasSize(1);
    // changed and changed back inside the interval: nothing to send at its end
    throttle.set(caret(6));
    assertThat(sent).hasSize(2);
    throttle.set(caret(7));
    throttle.set(caret(6));
    time.advanceBy(500 * MS);
    assertThat(sent).extracting(Sent::ranges).containsExactly(caret(5), caret(6));
  }

  @Test
  void aChangeAfterAQuietIntervalGoesOutAtOnce() {
    throttle.set(caret(1));
    time.advanceBy(INTERVAL);
    throttle.set(caret(2));
    assertThat(sent).extracting(Sent::ranges).containsExactly(caret(1), caret(2));
    assertThat(time.tasks).isEmpty();
  }

  @Test
  void offlineSelectionsAreSentAfterTheReconnectAndTheServerGetsTheSelectionAgain() {
    online = false;
    throttle.set(caret(3));
    time.advanceBy(300 * MS);
    assertThat(sent).isEmpty();
    online = true;
    throttle.reconnected();
    assertThat(sent).extracting(Sent::ranges).containsExactly(caret(3));
    // a later reconnect: the new connection's server knows nothing, so the same selection again
    time.advanceBy(300 * MS);
    throttle.reconnected();
    assertThat(sent).extracting(Sent::ranges).containsExactly(caret(3), caret(3));
  }

  @Test
  void aWaitingSelectionMovesWithTheTextAndAMoveByOthersIsNotResent() {
    throttle.set(caret(4));
    throttle.set(new ArrayList<>(List.of(new Range(2, 6))));
    // before the interval ends, someone inserts "XYZ" at 0: the waiting range moves by 3
    throttle.transform(Delta.builder().insert("XYZ").build());
    time.advanceBy(INTERVAL);
    assertThat(sent).extracting(Sent::ranges).containsExactly(caret(4), List.of(new Range(5, 9)));
    // an insert before the caret moves the sent selection too; the server moves it the same way,
    // so there is nothing to send
    throttle.transform(Delta.builder().insert("ab").build());
    throttle.set(List.of(new Range(7, 11)));
    time.advanceBy(INTERVAL);
    assertThat(sent).hasSize(2);
    assertThat(throttle.lastSent()).isEqualTo(List.of(new Range(7, 11)));
  }

  @Test
  void cancelStopsAPendingSend() {
    throttle.set(caret(1));
    throttle.set(caret(2));
    throttle.cancel();
    time.advanceBy(1_000 * MS);
    assertThat(sent).hasSize(1);
  }

  /** Random selection changes at random times: the three rules hold on every schedule. */
  @Test
  void seededSchedulesKeepTheRules() {
    long base = Long.getLong("presence.seed", System.nanoTime());
    System.out.println("PresenceThrottleTest seeds " + base + ".." + (base + 199));
    for (long seed = base; seed < base + 200; seed++) {
      try {
        runSchedule(seed);
      } catch (Throwable t) {
        throw new AssertionError("reproduce with -Dpresence.seed=" + seed, t);
      }
    }
  }

  private static void runSchedule(long seed) {
    Random random = new Random(seed);
    VirtualTime vt = new VirtualTime();
    List<Sent> out = new ArrayList<>();
    PresenceThrottle t = new PresenceThrottle(INTERVAL, () -> vt.now, vt, r -> {
      out.add(new Sent(vt.now, r));
      return true;
    });
    List<Range> last = null;
    int changes = 0;
    for (int i = 0; i < 300; i++) {
      vt.advanceBy(random.nextInt(4) == 0 ? random.nextInt(400) * MS : random.nextInt(60) * MS);
      List<Range> next = caret(random.nextInt(4)); // few values: many "unchanged" calls
      if (!next.equals(last)) {
        changes++;
      }
      last = next;
      t.set(next);
    }
    vt.advanceBy(10 * INTERVAL);
    for (int i = 1; i < out.size(); i++) {
      assertThat(out.get(i).at() - out.get(i - 1).at()).as("gap before message " + i)
          .isGreaterThanOrEqualTo(INTERVAL);
      assertThat(out.get(i).ranges()).as("message " + i + " repeats the previous")
          .isNotEqualTo(out.get(i - 1).ranges());
    }
    assertThat(out.size()).isLessThanOrEqualTo(changes + 1);
    assertThat(out.getLast().ranges()).as("trailing edge: the final selection was sent").isEqualTo(last);
    assertThat(vt.tasks).isEmpty();
  }
}
