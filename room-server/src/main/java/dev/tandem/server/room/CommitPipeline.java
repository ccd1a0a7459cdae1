package dev.tandem.server.room;

import dev.tandem.server.store.RoomStore;
import dev.tandem.server.store.StoredOp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Group commit for one room: at most one storage write in flight; every op accepted meanwhile
 * waits in the next batch, which is written as soon as the current write completes. The result of
 * each write comes back through the room's mailbox as {@link RoomCommand.WriteDone}, so acks and
 * broadcasts happen on the room's thread, after the ops are durable. Owned by the room's thread.
 */
final class CommitPipeline {
  private final String roomId;
  private final RoomStore store;
  private final Consumer<RoomCommand> mailbox;
  private List<StoredOp> next = new ArrayList<>();
  private boolean writing;
  /**
   * Bumped by {@link #reset()}: a write result tagged with an older generation belongs to state the
   * room has already thrown away and must be ignored.
   */
  private long generation;

  CommitPipeline(String roomId, RoomStore store, Consumer<RoomCommand> mailbox) {
    this.roomId = roomId;
    this.store = store;
    this.mailbox = mailbox;
  }

  /** Queues an accepted op for the next write and starts it when no write is in flight. */
  void submit(StoredOp op) {
    next.add(op);
    flush();
  }

  /** The write in flight finished (successfully); the next batch may go. */
  void delivered() {
    writing = false;
  }

  /** Starts writing the waiting batch, if any and if no write is in flight. */
  void flush() {
    if (writing || next.isEmpty()) {
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
