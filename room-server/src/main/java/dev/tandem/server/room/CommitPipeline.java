package dev.tandem.server.room;

import dev.tandem.server.store.RoomStore;
import dev.tandem.server.store.StoredOp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Group commit for one room: at most one storage write in flight; every op accepted meanwhile
 * waits in the next batch, which is written as soon as the current write completes. The result of
 * each write comes back through the room's mailbox as {@link RoomCommand.WriteDone}, so acks and
 * broadcasts happen on the room's thread, after the ops are durable. Owned by the room's thread.
 *
 * <p>When a write completes, the next one may wait up to {@code maxGatherNanos} for the ops of
 * the clients it just acked ({@link CommitGathering}: the rule, and why); it never waits longer,
 * and never for a lone typist.
 */
final class CommitPipeline {
  /**
   * The longest a write waits, after the writer became free, for the just-acked clients' next ops.
   * {@code -Dtandem.commitGatherMicros} overrides it (0 turns gathering off).
   */
  static final long MAX_GATHER_NANOS =
      TimeUnit.MICROSECONDS.toNanos(Long.getLong("tandem.commitGatherMicros", 300));

  private final String roomId;
  private final RoomStore store;
  private final Consumer<RoomCommand> mailbox;
  private final ScheduledExecutorService timer;
  private final long maxGatherNanos;
  private final CommitGathering gathering = new CommitGathering();
  private List<StoredOp> next = new ArrayList<>();
  private boolean writing;
  /** True while the writer is free but the next write waits for expected ops (bounded by a timer). */
  private boolean holding;
  /** The timer that ends the current hold; null when not holding. */
  private Future<?> holdDeadline;
  /** Bumped by each hold: a deadline of an earlier hold is ignored. */
  private long holdNumber;
  /**
   * Bumped by {@link #reset()}: a write result tagged with an older generation belongs to state the
   * room has already thrown away and must be ignored.
   */
  private long generation;

  /**
   * @param timer bounds each hold: its task puts a {@link RoomCommand.GatherDeadline} in {@code mailbox}
   * @param maxGatherNanos the longest hold ({@link #MAX_GATHER_NANOS} in a server); 0: never hold
   */
  CommitPipeline(String roomId, RoomStore store, Consumer<RoomCommand> mailbox, ScheduledExecutorService timer,
      long maxGatherNanos) {
    this.roomId = roomId;
    this.store = store;
    this.mailbox = mailbox;
    this.timer = timer;
    this.maxGatherNanos = maxGatherNanos;
  }

  /**
   * Queues an accepted op for the next write and starts it when no write is in flight, unless the
   * write is held for expected ops and this one is not the last of them that it waits for.
   */
  void submit(StoredOp op) {
    next.add(op);
    if (holding) {
      if (gathering.arrived(op.clientId())) {
        endHold();
      }
      return;
    }
    flush();
  }

  /**
   * The write of {@code durable} finished (successfully), and its authors are about to be acked:
   * starts the next write now, or holds it for their next ops (at most {@code maxGatherNanos}).
   */
  void delivered(List<StoredOp> durable) {
    writing = false;
    if (maxGatherNanos > 0 && gathering.shouldHold(durable, next.size())) {
      holding = true;
      long number = ++holdNumber;
      holdDeadline = timer.schedule(() -> mailbox.accept(new RoomCommand.GatherDeadline(number)),
          maxGatherNanos, TimeUnit.NANOSECONDS);
      return;
    }
    flush();
  }

  /** A hold's timer fired: the held write starts (unless that hold already ended). */
  void deadline(RoomCommand.GatherDeadline deadline) {
    if (holding && deadline.holdNumber() == holdNumber) {
      holdDeadline = null; // it ran
      endHold();
    }
  }

  private void endHold() {
    holding = false;
    gathering.clear();
    if (holdDeadline != null) {
      holdDeadline.cancel(false);
      holdDeadline = null;
    }
    flush();
  }

  /** Starts writing the waiting batch, if any and if no write is in flight or held. */
  private void flush() {
    if (writing || holding || next.isEmpty()) {
      return;
    }
    List<StoredOp> batch = next;
    next = new ArrayList<>();
    writing = true;
    long writeGeneration = generation;
    store.append(roomId, batch).whenComplete((ok, failure) ->
        mailbox.accept(new RoomCommand.WriteDone(batch, unwrap(failure), writeGeneration)));
  }

  /** True when nothing is being written or waiting to be. */
  boolean idle() {
    return !writing && next.isEmpty();
  }

  /** After a failed write: forget everything (the room rebuilds from storage). */
  void reset() {
    next = new ArrayList<>();
    writing = false;
    holding = false;
    gathering.clear();
    if (holdDeadline != null) {
      holdDeadline.cancel(false);
      holdDeadline = null;
    }
    generation++;
  }

  /** True when a write result belongs to the current state (not to one dropped by a reset). */
  boolean isCurrent(RoomCommand.WriteDone done) {
    return done.generation() == generation;
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }
}
