package dev.tandem.app.fx;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * An executor for one owner thread (the FX thread) that runs the commands handed to it from other
 * threads in batches: one hop ({@code schedule}) runs every command queued by then, in order, in
 * one turn of the owner thread, instead of one hop per command. Work that may be put off until the
 * batch is over (the editor applying several remote changes as one) registers with {@link #atBatchEnd}.
 *
 * <p>Order: commands run in the order {@link #execute} was called, whatever the calling thread. A
 * command executed on the owner thread runs at once only when nothing is queued or running;
 * otherwise it queues behind the others (sessions deliver "one at a time, in order").
 *
 * <p>Threads: {@link #execute} from any thread; everything else, and every field without
 * "any thread", on the owner thread only.
 */
final class TurnBatcher implements Executor {
  /** Commands one turn runs at most, so that a flood cannot hold the owner thread for long. */
  static final int MAX_PER_TURN = 256;

  /** Any thread. */
  private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
  /** Any thread: a drain is scheduled and has not started yet. */
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Consumer<Runnable> schedule;
  private final BooleanSupplier onOwnerThread;
  private boolean draining;
  private final List<Runnable> atEnd = new ArrayList<>();

  TurnBatcher(Consumer<Runnable> schedule, BooleanSupplier onOwnerThread) {
    this.schedule = schedule;
    this.onOwnerThread = onOwnerThread;
  }

  @Override
  public void execute(Runnable command) {
    if (onOwnerThread.getAsBoolean() && !draining && queue.isEmpty()) {
      command.run();
      return;
    }
    queue.add(command);
    if (scheduled.compareAndSet(false, true)) {
      schedule.accept(this::drain);
    }
  }

  /**
   * Runs {@code action} once at the end of the batch now running, after its last command (an
   * action registered twice runs once). Returns false, registering nothing, when no batch is
   * running: the caller must then do the work at once.
   */
  boolean atBatchEnd(Runnable action) {
    if (!draining) {
      return false;
    }
    if (atEnd.stream().noneMatch(a -> a == action)) {
      atEnd.add(action);
    }
    return true;
  }

  /** True while a batch runs its commands (owner thread). */
  boolean inBatch() {
    return draining;
  }

  private void drain() {
    // Cleared before polling: a command queued from now on schedules another drain, which finds
    // the queue empty if this one ran it already (harmless).
    scheduled.set(false);
    draining = true;
    try {
      for (int n = 0; n < MAX_PER_TURN; n++) {
        Runnable command = queue.poll();
        if (command == null) {
          break;
        }
        runReporting(command);
      }
    } finally {
      draining = false;
      while (!atEnd.isEmpty()) {
        runReporting(atEnd.removeFirst());
      }
      if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
        schedule.accept(this::drain); // the rest in a later turn: pulses and input go between
      }
    }
  }

  /** One failing command must not drop the rest of the batch; its error goes where runLater's would. */
  private static void runReporting(Runnable command) {
    try {
      command.run();
    } catch (RuntimeException | Error e) {
      Thread t = Thread.currentThread();
      t.getUncaughtExceptionHandler().uncaughtException(t, e);
    }
  }
}
