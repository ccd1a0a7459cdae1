package dev.tandem.server.room;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A queue of messages drained by at most one thread at a time, borrowed from a shared executor:
 * the actor part of a {@code Room}. Whatever the handler touches is confined to "the room's
 * thread" even though the physical thread changes between drains; the queue's happens-before
 * edges publish it from one drain to the next.
 *
 * <p>An idle mailbox holds no thread and schedules nothing. {@link #tell} never blocks and may be
 * called from any thread.
 */
final class Mailbox<M> {
  private static final int BURST = 256;

  private final ConcurrentLinkedQueue<M> queue = new ConcurrentLinkedQueue<>();
  /** Messages enqueued and not yet handled; the drain that takes it from 0 owns the room. */
  private final AtomicInteger pending = new AtomicInteger();
  private final Executor executor;
  private final Consumer<M> handler;
  private final Consumer<Throwable> onFailure;

  Mailbox(Executor executor, Consumer<M> handler, Consumer<Throwable> onFailure) {
    this.executor = executor;
    this.handler = handler;
    this.onFailure = onFailure;
  }

  void tell(M message) {
    queue.add(message);
    if (pending.getAndIncrement() == 0) {
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException stopping) {
        // The server is shutting down and its room executor is gone: late messages (sockets
        // closing during shutdown) have nobody left to handle them and are dropped.
      }
    }
  }

  private void drain() {
    int budget = BURST;
    do {
      M message = queue.poll(); // never null: pending counts only messages already queued
      try {
        handler.accept(message);
      } catch (Throwable t) {
        onFailure.accept(t);
      }
      if (--budget == 0) {
        // Give the thread back after a burst so one busy room cannot starve the others.
        if (pending.decrementAndGet() > 0) {
          try {
            executor.execute(this::drain);
          } catch (RejectedExecutionException stopping) {
            // shutting down: see tell()
          }
        }
        return;
      }
    } while (pending.decrementAndGet() > 0);
  }
}
