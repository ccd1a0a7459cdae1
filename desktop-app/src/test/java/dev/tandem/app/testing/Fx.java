package dev.tandem.app.testing;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/** Starts the FX toolkit once (Headless platform under surefire) and runs code on its thread. */
public final class Fx {
  private Fx() {}

  private static boolean started;

  public static synchronized void start() {
    if (started) {
      return;
    }
    try {
      Platform.startup(() -> {});
    } catch (IllegalStateException alreadyRunning) {
      // TestFX or another test started it.
    }
    Platform.setImplicitExit(false);
    started = true;
  }

  /**
   * Runs {@code work} on the FX thread and returns its result. Called on the FX thread itself it
   * runs at once: waiting for a runLater from the FX thread would block that thread until the
   * timeout, stalling every UI update meanwhile.
   */
  public static <T> T call(Callable<T> work) {
    start();
    if (Platform.isFxApplicationThread()) {
      try {
        return work.call();
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    }
    CompletableFuture<T> f = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        f.complete(work.call());
      } catch (Throwable t) {
        f.completeExceptionally(t);
      }
    });
    try {
      return f.get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new RuntimeException(e.getCause());
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }

  public static void run(Runnable work) {
    call(() -> {
      work.run();
      return null;
    });
  }

  /** Lets queued FX work (listener hops, layout) run. */
  public static void drain() {
    run(() -> {});
  }
}
