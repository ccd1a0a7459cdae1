package dev.tandem.app;

import dev.tandem.app.fx.FxThread;
import dev.tandem.app.host.LocalHost;
import dev.tandem.app.instance.OpenRequest;
import dev.tandem.app.instance.Primary;
import dev.tandem.app.platform.MacLinkEvents;
import dev.tandem.app.platform.WindowsUrlScheme;
import dev.tandem.app.prefs.UserPreferences;
import dev.tandem.app.session.SessionConnector;
import dev.tandem.app.view.TandemWindow;
import dev.tandem.app.viewmodel.PreferencesViewModel;
import dev.tandem.app.viewmodel.StartViewModel;
import dev.tandem.sync.RoomLink;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * The JavaFX application. With a room link argument it joins that room; without one it reopens the
 * room this computer hosted last (while its data is here), or else hosts a new room on the embedded
 * server and opens it (the start screen, with New room, is one click away). As the user's
 * single instance it opens links handed over by later starts in new windows, which share the
 * embedded host; the application ends when the last window closes.
 */
public final class TandemApplication extends Application {
  /** Set by {@link #launch} before the toolkit starts; read once in {@link #start}. */
  private static volatile Primary instance;

  private LocalHost host;
  private ExecutorService background;
  private PreferencesViewModel settings;
  private SessionConnector connector;
  /** The open windows; FX thread only. */
  private final List<TandemWindow> windows = new ArrayList<>();

  /** Starts the toolkit; {@code primary} (may be null) is this process's single-instance channel. */
  static void launch(Primary primary, String link) {
    instance = primary;
    Application.launch(TandemApplication.class, link == null ? new String[0] : new String[] {link});
  }

  @Override
  public void start(Stage stage) {
    Path data = dataDirectory();
    // Before the first window shows: macOS delivers a link that started the app only to a handler
    // registered by then.
    MacLinkEvents.forwardTo(link -> FxThread.executor().execute(() -> openHandedOver(new OpenRequest(Optional.of(link)))));
    UserPreferences prefs = UserPreferences.forUser();
    String variable = System.getenv(HOST_PORT_VARIABLE);
    int port = hostPort(variable, prefs, System.err);
    this.settings = new PreferencesViewModel(prefs, port, variablePort(variable) == null ? null : HOST_PORT_VARIABLE);
    start(stage, getParameters().getRaw(), prefs, LocalHost.forLan(data.resolve("rooms"), port),
        SessionConnector.real(data.resolve("journal")));
    Primary primary = instance;
    if (primary != null) {
      primary.deliverTo(request -> FxThread.executor().execute(() -> openHandedOver(request)));
    }
    background.execute(WindowsUrlScheme::registerIfInstalledOnWindows);
  }

  /**
   * Opens the first window for the command line's arguments ({@code args}: empty, or one room
   * link): a link joins that room; no link reopens the room last hosted on {@code host}, or hosts a
   * new one. FX thread. The app's
   * {@link #start(Stage)} passes the user's preferences, data directory and LAN host; tests pass
   * their own (what {@code tandem <link>} does, without a second process).
   */
  void start(Stage stage, List<String> args, UserPreferences prefs, LocalHost host, SessionConnector connector) {
    if (settings == null) {
      // Tests: their host asks for the preference's port (or any port), never for the variable's.
      this.settings = new PreferencesViewModel(prefs);
    }
    this.host = host;
    this.connector = connector;
    background = Executors.newVirtualThreadPerTaskExecutor();
    // The rooms this computer hosted before are reachable while the app runs, whichever room it
    // opens first.
    background.execute(() -> {
      try {
        host.startIfHostedBefore();
      } catch (Exception e) {
        // The window opening now is listed by then (this runs on the FX thread after start()).
        FxThread.executor().execute(() -> windows.forEach(w -> w.startViewModel().hostingFailedAtLaunch(e)));
      }
    });
    openWindow(stage, args.isEmpty() ? null : args.getFirst(), true);
  }

  /** Names the environment variable that overrides the hosting port of the preferences for one run. */
  static final String HOST_PORT_VARIABLE = "TANDEM_HOST_PORT";

  /**
   * The port to host rooms on: {@value #HOST_PORT_VARIABLE} when it names one (for this run only;
   * its value is {@code v}, null when unset), else the preferences' "Port for rooms I host". A
   * malformed variable is said on {@code err} and ignored.
   */
  static int hostPort(String v, UserPreferences prefs, java.io.PrintStream err) {
    Integer fromVariable = variablePort(v);
    if (fromVariable != null) {
      return fromVariable;
    }
    if (v != null && !v.isBlank()) {
      err.println("Tandem: " + HOST_PORT_VARIABLE + "=" + v + " is not a port from "
          + UserPreferences.MIN_HOST_PORT + " to " + UserPreferences.MAX_HOST_PORT + "; using " + prefs.hostPort());
    }
    return prefs.hostPort();
  }

  /** The port {@value #HOST_PORT_VARIABLE}'s value {@code v} names, null when it names none (unset, malformed). */
  static Integer variablePort(String v) {
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      int port = Integer.parseInt(v.strip());
      return UserPreferences.isHostPort(port) ? port : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The open windows (tests). FX thread. */
  List<TandemWindow> windows() {
    return List.copyOf(windows);
  }

  /**
   * A later start's request, on the FX thread: the very link a window already shows brings that
   * window to the front; another link to a room a window shows (a new key, say) reopens that
   * window with it (one room has one journal, so one window per room); any other link opens a new
   * window; no link opens a new window on the start screen.
   */
  private void openHandedOver(OpenRequest request) {
    Optional<RoomLink> link = request.link().flatMap(TandemApplication::parse);
    // By room id alone: ids are random 128-bit, and a room hosted here is open at the current
    // address and port while an older link to it names others.
    Optional<TandemWindow> showing = link.flatMap(l -> windows.stream()
        .filter(w -> w.openRoomLink().map(open -> open.roomId().equals(l.roomId())).orElse(false))
        .findFirst());
    if (showing.isEmpty()) {
      openWindow(new Stage(), request.link().orElse(null), false);
      return;
    }
    TandemWindow window = showing.get();
    Stage stage = window.stage();
    stage.setIconified(false);
    stage.toFront();
    stage.requestFocus();
    if (!window.openRoomLink().map(open -> open.key().equals(link.get().key())).orElse(false)) {
      window.showStart();
      window.startViewModel().linkTextProperty().set(request.link().orElseThrow());
      window.startViewModel().join();
    }
  }

  private static Optional<RoomLink> parse(String link) {
    try {
      return Optional.of(RoomLink.parse(link));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // the new window says what is wrong with it
    }
  }

  private void openWindow(Stage stage, String link, boolean hostWhenNoLink) {
    TandemWindow window = new TandemWindow(stage, settings, host, connector, background);
    windows.add(window);
    stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> {
      windows.remove(window);
      if (windows.isEmpty()) {
        stopListening(); // the app is ending: a later start must not be told "opened there"
      }
    });
    window.showStart();
    StartViewModel start = window.startViewModel();
    if (link != null) {
      start.linkTextProperty().set(link);
      start.join();
    } else if (hostWhenNoLink) {
      start.openLastHostedRoomOrNew();
    }
    stage.show();
    stage.toFront();
  }

  private static void stopListening() {
    Primary primary = instance;
    instance = null;
    if (primary != null) {
      primary.close();
    }
  }

  /**
   * Background tasks are stopped before the host closes; one still waiting for the host's lock
   * then finds it closed ({@link dev.tandem.app.host.HostClosedException}) instead of starting a
   * server that would keep the process alive and hold the port and the store.
   */
  @Override
  public void stop() {
    stopListening();
    if (background != null) {
      background.shutdownNow();
    }
    if (host != null) {
      host.close();
    }
  }

  static Path dataDirectory() {
    String xdg = System.getenv("XDG_DATA_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
    return base.resolve("tandem");
  }
}
