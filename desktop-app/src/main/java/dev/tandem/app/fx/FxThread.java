package dev.tandem.app.fx;

import java.util.concurrent.Executor;
import javafx.application.Platform;

/**
 * The one place that hops onto the JavaFX application thread. Sessions deliver their listener
 * calls through {@link #executor()}; view-models take an {@link Executor} so tests can pass a
 * direct one and run without the toolkit.
 */
public final class FxThread {
  private FxThread() {}

  public static Executor executor() {
    return command -> {
      if (Platform.isFxApplicationThread()) {
        command.run();
      } else {
        Platform.runLater(command);
      }
    };
  }
}
