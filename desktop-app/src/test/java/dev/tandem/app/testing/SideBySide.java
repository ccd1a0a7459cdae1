package dev.tandem.app.testing;

import dev.tandem.app.host.LocalHost;
import dev.tandem.app.prefs.UserPreferences;
import dev.tandem.app.session.SessionConnector;
import dev.tandem.app.view.TandemWindow;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.prefs.Preferences;
import javafx.stage.Stage;

/** The UI tests' two people: Ana's window at the left, Bo's beside it, both on the start screen. */
public final class SideBySide {
  private SideBySide() {}

  /** A person's preferences under {@code node}, with their name and colour set. */
  public static UserPreferences person(Preferences node, String name, String color) {
    UserPreferences prefs = new UserPreferences(node);
    prefs.setName(name);
    prefs.setColor(color);
    return prefs;
  }

  /**
   * Opens the two windows (on the FX thread); {@code configure} runs on each before it shows.
   * Returns {Ana's, Bo's}.
   */
  public static TandemWindow[] open(UserPreferences ana, UserPreferences bo, LocalHost host,
      SessionConnector connector, Executor background, Consumer<TandemWindow> configure) {
    return Fx.call(() -> {
      TandemWindow[] windows = {
          new TandemWindow(new Stage(), ana, host, connector, background),
          new TandemWindow(new Stage(), bo, host, connector, background)};
      for (int i = 0; i < windows.length; i++) {
        configure.accept(windows[i]);
        // Both coordinates: with only X set, JavaFX neither centres the window nor gives it a Y, so
        // its screen Y stays NaN and every on-screen character bound (remote carets) is NaN too.
        windows[i].stage().setX(i * 1120);
        windows[i].stage().setY(0);
        windows[i].showStart();
        windows[i].stage().show();
      }
      return windows;
    });
  }

  /**
   * Ana (the first window) hosts a new room on the embedded server and Bo joins it by its edit
   * link; returns once both sessions are OPEN (or fails after {@code wait}).
   */
  public static void hostAndJoin(TandemWindow ana, TandemWindow bo, java.time.Duration wait) {
    Fx.run(() -> ana.startViewModel().newRoom());
    awaitOpen(ana, wait);
    String link = Fx.call(() -> ana.room().viewModel().request().editLink());
    Fx.run(() -> bo.startViewModel().join(link));
    awaitOpen(bo, wait);
  }

  private static void awaitOpen(TandemWindow w, java.time.Duration wait) {
    org.awaitility.Awaitility.await().atMost(wait).pollInterval(java.time.Duration.ofMillis(30))
        .until(() -> Fx.call(() -> w.room() != null
            && w.room().viewModel().stateProperty().get() == dev.tandem.sync.SyncSession.State.OPEN));
  }

  /** Leaves each window's room and closes it (on the FX thread). */
  public static void close(TandemWindow... windows) {
    Fx.run(() -> {
      for (TandemWindow w : windows) {
        if (w.room() != null) {
          w.room().close();
        }
        w.stage().close();
      }
    });
  }
}
