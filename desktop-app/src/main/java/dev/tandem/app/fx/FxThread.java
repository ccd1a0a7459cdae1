package dev.tandem.app.fx;

import java.util.concurrent.Executor;
import javafx.application.Platform;

/**
 * The one place that hops onto the JavaFX application thread. Sessions deliver their listener
 * calls through {@link #executor()}; view-models take an {@link Executor} so tests can pass a
 * direct one and run without the toolkit.
 *
 * <p>The {@linkplain #listenerExecutor() listener executor} batches: every listener call queued by
 * the time the FX thread gets to it runs in one FX turn, in order ({@link TurnBatcher}). With several people typing, their changes and presence
 * arrive as a stream of small listener calls; one turn for all that arrived together costs one
 * hop, and lets the editor apply the changes as one ({@link #atBatchEnd}).
 */
public final class FxThread {
  private FxThread() {}

  private static final TurnBatcher LISTENER_CALLS = new TurnBatcher(Platform::runLater, Platform::isFxApplicationThread);

  /** Runs each command on the FX thread: at once when called there, else in a later turn. */
  public static Executor executor() {
    return command -> {
      if (Platform.isFxApplicationThread()) {
        command.run();
      } else {
        Platform.runLater(command);
      }
    };
  }

  /**
   * Runs {@code command} on the FX thread in a later turn, also when called there: for work that
   * must not run inside the current one (removing a pulse listener from within it, or yielding the
   * thread between the steps of a long job so that input and pulses come in between).
   */
  public static void later(Runnable command) {
    Platform.runLater(command);
  }

  /**
   * For {@code SyncConfig.listenerExecutor} only: session listener calls, batched (see above).
   * Only listener calls run in its batches, and none of them edits an editor area except through
   * its {@code EditorBridge}; the bridge relies on that to put off applying remote changes until
   * {@link #atBatchEnd}.
   */
  public static Executor listenerExecutor() {
    return LISTENER_CALLS;
  }

  /**
   * On the FX thread, inside a batch of {@link #listenerExecutor()}: runs {@code action} once when the
   * batch's last command has run (before the FX thread does anything else: no input event or
   * pulse comes between). Returns false, registering nothing, outside a batch: do the work now.
   */
  public static boolean atBatchEnd(Runnable action) {
    return Platform.isFxApplicationThread() && LISTENER_CALLS.atBatchEnd(action);
  }
}
