package dev.tandem.app;

import dev.tandem.app.host.LocalHost;
import dev.tandem.app.prefs.UserPreferences;
import dev.tandem.app.session.SessionConnector;
import dev.tandem.app.view.TandemWindow;
import dev.tandem.app.viewmodel.StartViewModel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The JavaFX application. With a room link argument it joins that room; without one it hosts a new
 * room on the embedded server and opens it (the start screen is one click away).
 */
public final class TandemApplication extends Application {
  private LocalHost host;
  private ExecutorService background;

  @Override
  public void start(Stage stage) {
    Path data = dataDirectory();
    UserPreferences prefs = UserPreferences.forUser();
    host = LocalHost.forLan(data.resolve("rooms"));
    background = Executors.newVirtualThreadPerTaskExecutor();
    TandemWindow window = new TandemWindow(stage, prefs, host,
        SessionConnector.real(data.resolve("journal")), background);
    window.showStart();
    List<String> args = getParameters().getRaw();
    StartViewModel start = window.startViewModel();
    if (!args.isEmpty()) {
      start.linkTextProperty().set(args.getFirst());
      start.join();
    } else {
      start.newRoom();
    }
    stage.show();
  }

  @Override
  public void stop() {
    if (host != null) {
      host.close();
    }
    if (background != null) {
      background.shutdownNow();
    }
  }

  static Path dataDirectory() {
    String xdg = System.getenv("XDG_DATA_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
    return base.resolve("tandem");
  }
}
