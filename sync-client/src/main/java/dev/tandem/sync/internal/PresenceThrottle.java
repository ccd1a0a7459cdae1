package dev.tandem.sync.internal;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.Values.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Presence throttling (docs/protocol.md §7): the user's selection is sent only when it differs
 * from the last one sent, at most once per interval, trailing edge (a change made inside the
 * interval is sent when it ends, and only the latest one). No threads of its own: time comes from
 * a clock and delays from a {@link Scheduler}, so it is tested in virtual time. Owned by one
 * thread (the engine's); the scheduler must run its tasks on that thread.
 *
 * <p>Selections are in the engine's local-document coordinates. {@link #transform} moves both the
 * wanted and the last sent selection with every change to that document, so a selection waiting
 * for the interval to end still points at the same characters when it is sent, and a caret that
 * only moved because text was inserted before it is not sent again (the server moves it too).
 */
public final class PresenceThrottle {

  /** Runs a task after a delay, on the owner's thread. */
  @FunctionalInterface
  public interface Scheduler {
    /** Schedules {@code task}; the returned handle cancels it. */
    Runnable schedule(Runnable task, long delayNanos);
  }

  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private final Scheduler scheduler;
  private final Predicate<List<Range>> send;

  private List<Range> wanted;
  private List<Range> sent;
  private boolean everSent;
  private long sentAtNanos;
  private Runnable cancelTimer;

  /**
   * @param send sends a presence frame for these local ranges; false when it could not (offline):
   *     the selection then counts as not sent and goes out after {@link #reconnected()}
   */
  public PresenceThrottle(long intervalNanos, LongSupplier nanoClock, Scheduler scheduler,
      Predicate<List<Range>> send) {
    this.intervalNanos = intervalNanos;
    this.nanoClock = nanoClock;
    this.scheduler = scheduler;
    this.send = send;
  }

  /** The user's selections changed (local coordinates). */
  public void set(List<Range> ranges) {
    wanted = List.copyOf(ranges);
    schedule();
  }

  /** The local document changed by {@code change}: selections move with the text. */
  public void transform(Delta change) {
    wanted = move(wanted, change);
    sent = move(sent, change);
  }

  /** A new connection joined: the server knows no selection of ours, so send it again. */
  public void reconnected() {
    sent = null;
    schedule();
  }

  /** Stops a pending send (the session is closing). */
  public void cancel() {
    if (cancelTimer != null) {
      cancelTimer.run();
      cancelTimer = null;
    }
  }

  /** The last selection handed to the socket (local coordinates), or null. */
  public List<Range> lastSent() {
    return sent;
  }

  private void schedule() {
    if (cancelTimer != null || wanted == null || wanted.equals(sent)) {
      return;
    }
    long wait = everSent ? sentAtNanos + intervalNanos - nanoClock.getAsLong() : 0;
    if (wait <= 0) {
      flush();
    } else {
      cancelTimer = scheduler.schedule(() -> {
        cancelTimer = null;
        flush();
      }, wait);
    }
  }

  private void flush() {
    if (wanted == null || wanted.equals(sent)) {
      return;
    }
    if (send.test(wanted)) {
      sent = wanted;
      everSent = true;
      sentAtNanos = nanoClock.getAsLong();
    }
  }

  private static List<Range> move(List<Range> ranges, Delta change) {
    if (ranges == null || change.isEmpty()) {
      return ranges;
    }
    List<Range> out = new ArrayList<>(ranges.size());
    for (Range r : ranges) {
      out.add(new Range(change.transformPosition(r.anchor(), false),
          change.transformPosition(r.head(), false)));
    }
    return List.copyOf(out);
  }
}
