package dev.tandem.server.room;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The thread that finishes and hands snapshots to storage for every room, so that a room's thread
 * never spends O(document) on a snapshot beyond copying it out of its tree. One thread: snapshots
 * reach the store in the order rooms asked for them (a store orders writes per calling thread).
 * A snapshot that fails or is lost (shutdown) costs nothing but a longer replay on the next load:
 * the history stays complete.
 */
final class Snapshots {
  private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(
      Thread.ofPlatform().name("tandem-snapshots").daemon(true).factory());

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private Snapshots() {}

  /**
   * Runs {@code save} on the snapshot thread; {@code onCost} hears the CPU time that thread spent
   * in it (finishing, encoding and handing over the document), {@code onFailure} any failure, and
   * {@code onDone} runs exactly once when the snapshot is stored or failed (on whichever thread
   * learns it).
   */
  static void save(Supplier<CompletableFuture<Void>> save, LongConsumer onCost, Consumer<Throwable> onFailure,
      Runnable onDone) {
    THREAD.execute(() -> {
      CompletableFuture<Void> saved;
      try {
        long started = CPU.getCurrentThreadCpuTime();
        saved = save.get();
        onCost.accept(Math.max(0, CPU.getCurrentThreadCpuTime() - started));
      } catch (RuntimeException | Error e) {
        // An Error too (the heap running out while an O(document) snapshot is finished or
        // encoded): onDone must run, or the room never asks for another snapshot (RoomEdits
        // keeps at most one in flight) and its replay on load grows without bound.
        onFailure.accept(e);
        onDone.run();
        return;
      }
      saved.whenComplete((ok, failure) -> {
        if (failure != null) {
          onFailure.accept(failure);
        }
        onDone.run();
      });
    });
  }
}
