package dev.tandem.app.view;

import dev.tandem.app.AppInfo;
import dev.tandem.app.editor.PreparedDocument;
import dev.tandem.app.host.LocalHost;
import dev.tandem.app.prefs.UserPreferences;
import dev.tandem.app.session.SessionConnector;
import dev.tandem.app.files.DocumentFiles;
import dev.tandem.app.viewmodel.FileViewModel;
import dev.tandem.app.viewmodel.PreferencesViewModel;
import dev.tandem.app.viewmodel.RoomRequest;
import dev.tandem.app.viewmodel.RoomViewModel;
import dev.tandem.app.viewmodel.StartViewModel;
import dev.tandem.ot.Delta;
import dev.tandem.protocol.Values.Limits;
import dev.tandem.protocol.Values.User;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * One app window: the start screen or one open room. Several can live in one JVM (the tests put
 * two people side by side); each has its own preferences, and they may share a {@link LocalHost}.
 */
public final class TandemWindow {
  private final Stage stage;
  private final UserPreferences prefs;
  /** Name, colour, theme and font: shared by the app's windows, so a change shows in all of them. */
  private final PreferencesViewModel settings;
  /** Held here: the settings hold it only weakly, so a closed window can be collected. */
  private final javafx.beans.InvalidationListener themeChanged = o -> applyTheme();
  private javafx.scene.control.Dialog<javafx.scene.control.ButtonType> preferencesDialog;
  private final LocalHost host;
  private final SessionConnector connector;
  private final Executor background;
  private final StackPane content = new StackPane();
  private final Scene scene;
  private RoomView room;
  private RoomRequest openRequest;
  private StartViewModel start;
  private FileMenu fileMenu;
  private FileDialogs fileDialogs = FileDialogs.system();

  public TandemWindow(Stage stage, UserPreferences prefs, LocalHost host, SessionConnector connector, Executor background) {
    this(stage, new PreferencesViewModel(prefs), host, connector, background);
  }

  /** A window whose preferences (and their live changes) are {@code settings}, shared with other windows. */
  public TandemWindow(Stage stage, PreferencesViewModel settings, LocalHost host, SessionConnector connector, Executor background) {
    this.stage = stage;
    this.settings = settings;
    this.prefs = settings.preferences();
    this.host = host;
    this.connector = connector;
    this.background = background;
    double[] g = prefs.windowGeometry();
    scene = new Scene(content, 1100, 720);
    applyTheme();
    settings.themeProperty().addListener(new javafx.beans.WeakInvalidationListener(themeChanged));
    javafx.application.Platform.getPreferences().colorSchemeProperty()
        .addListener(new javafx.beans.WeakInvalidationListener(themeChanged));
    stage.setScene(scene);
    if (g != null) {
      // The window's outer size and position, as saved (the scene alone would grow by the frame each run).
      stage.setX(g[0]);
      stage.setY(g[1]);
      stage.setWidth(g[2]);
      stage.setHeight(g[3]);
    }
    scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
      if (PREFERENCES_KEY.match(e)) {
        e.consume();
        showPreferences();
      }
    });
    stage.setTitle(AppInfo.NAME);
    stage.setOnCloseRequest(e -> {
      if (room != null && room.viewModel().pendingEditsProperty().get() > 0 && !confirmLeave()) {
        e.consume();
        return;
      }
      prefs.setWindowGeometry(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
      leaveRoom();
    });
  }

  /** Ctrl+, (Cmd+, on macOS): the usual key for an app's preferences. */
  static final javafx.scene.input.KeyCombination PREFERENCES_KEY =
      new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.COMMA, javafx.scene.input.KeyCombination.SHORTCUT_DOWN);

  public Stage stage() { return stage; }
  public PreferencesViewModel settings() { return settings; }

  /**
   * Shows the Preferences dialog (or brings it to the front when it is open already). Not modal:
   * each change shows in the windows at once.
   */
  public void showPreferences() {
    if (preferencesDialog != null && preferencesDialog.isShowing()) {
      ((Stage) preferencesDialog.getDialogPane().getScene().getWindow()).toFront();
      return;
    }
    if (host != null) {
      settings.hostingIs(host.listening());
    }
    preferencesDialog = PreferencesDialog.create(settings, stage, scene.getStylesheets());
    preferencesDialog.show();
  }
  public Scene scene() { return scene; }
  public RoomView room() { return room; }
  public StartViewModel startViewModel() { return start; }
  /** The open room's File menu, or null on the start screen. */
  public FileMenu fileMenu() { return fileMenu; }

  /** Replaces the file dialogs (UI tests answer with fixed files). */
  public void setFileDialogs(FileDialogs dialogs) {
    this.fileDialogs = dialogs;
    if (fileMenu != null) {
      fileMenu.setDialogs(dialogs);
    }
  }

  /** The link of the room this window shows, if it shows one. */
  public java.util.Optional<dev.tandem.sync.RoomLink> openRoomLink() {
    return room == null ? java.util.Optional.empty() : java.util.Optional.of(openRequest.link());
  }

  /** True when a node with this CSS selector is showing (for tests and accessibility checks). */
  public boolean lookupVisible(String selector) {
    javafx.scene.Node n = scene.lookup(selector);
    return n != null && n.isVisible();
  }

  public void showStart() {
    leaveRoom();
    start = new StartViewModel(prefs, host, background, dev.tandem.app.fx.FxThread.executor(), this::openRoom);
    start.nameProperty().bindBidirectional(settings.nameProperty());
    StartView view = new StartView(start);
    javafx.scene.control.Hyperlink preferences = new javafx.scene.control.Hyperlink("Preferences…");
    preferences.setId("start-preferences");
    preferences.setTooltip(new javafx.scene.control.Tooltip("Name, colour, theme and font ("
        + PREFERENCES_KEY.getDisplayText() + ")"));
    preferences.setOnAction(e -> showPreferences());
    view.addBelowName(preferences);
    view.addCard(new OpenFileCard(start, () -> fileDialogs, () -> stage).root());
    content.getChildren().setAll(view.root());
    stage.setTitle(AppInfo.NAME);
    // While the user picks what to open, make the first room window warm; never while opening.
    start.busyProperty().addListener((o, was, busy) -> {
      if (busy) {
        StartScreenWarmUp.stop();
      }
    });
    StartScreenWarmUp.afterFirstPaint(scene);
  }

  public void openRoom(RoomRequest request) {
    StartScreenWarmUp.stop();
    leaveRoom();
    // A file just opened into this room: its area form is built in the background while the window
    // is made, and the bridge's load of the session's first change (that very document) takes it.
    java.util.concurrent.CompletableFuture<PreparedDocument> prepared =
        request.known() == null || !PreparedDocument.worthPreparing(request.known().document()) ? null
        : java.util.concurrent.CompletableFuture.supplyAsync(() -> PreparedDocument.of(request.known().document()), background);
    openRequest = request.withoutKnownDocument();
    RoomViewModel vm = new RoomViewModel(request, new User(prefs.name(), prefs.color()), connector);
    RoomPreferences.bind(vm, prefs);
    room = new RoomView(vm, this::showStart);
    room.area().styleProperty().bind(settings.editorStyle());
    fileMenu = fileMenu(room);
    javafx.scene.control.MenuItem preferences = new javafx.scene.control.MenuItem("Preferences…");
    preferences.setId("preferences-item");
    preferences.setAccelerator(PREFERENCES_KEY);
    preferences.setOnAction(e -> showPreferences());
    room.viewMenu().getItems().addAll(new javafx.scene.control.SeparatorMenuItem(), preferences);
    fileMenu.menuBar().getMenus().add(room.viewMenu());
    LocalHost.Listening listening = host == null ? null : host.listening();
    room.addAboveToolbar(request.hosted() && listening != null && listening.fellBack()
        ? new javafx.scene.layout.VBox(fileMenu.node(), HostingNotice.create(listening))
        : fileMenu.node());
    content.getChildren().setAll(room.root());
    stage.setTitle(AppInfo.NAME + " — " + (request.hosted() ? "your room" : request.link().host()));
    room.start();
    if (prepared != null) {
      room.bridge().expect(prepared); // before the first change: deliveries run in later FX turns
    }
    room.area().requestFocus();
  }

  private FileMenu fileMenu(RoomView view) {
    FileViewModel files = new FileViewModel(new DocumentFiles(Limits.DEFAULTS.maxDocLength()), background,
        dev.tandem.app.fx.FxThread.executor(), Limits.DEFAULTS.maxFrameBytes());
    files.attach(new FileViewModel.DocumentPort() {
      @Override
      public Delta document() {
        return view.bridge().document();
      }

      @Override
      public void replaceDocument(Delta document) {
        view.bridge().replaceDocument(document);
      }
    });
    return new FileMenu(files, fileDialogs, view.viewModel().readOnlyProperty().or(view.viewModel().failedProperty()),
        () -> view.area().getLength() == 0, () -> stage);
  }

  /** The theme of every window sharing these preferences (as the Preferences dialog sets it). */
  public void setDarkTheme(boolean dark) {
    settings.themeProperty().set(dark ? PreferencesViewModel.Theme.DARK : PreferencesViewModel.Theme.LIGHT);
  }

  private void applyTheme() {
    java.util.List<String> sheets = new java.util.ArrayList<>(java.util.List.of(css("tandem.css")));
    if (dark()) {
      sheets.add(css("dark.css"));
    }
    scene.getStylesheets().setAll(sheets);
    if (preferencesDialog != null) {
      preferencesDialog.getDialogPane().getStylesheets().setAll(sheets);
    }
  }

  /** The dark theme is chosen, or "same as the system" is and the desktop is dark. */
  private boolean dark() {
    return switch (settings.themeProperty().get()) {
      case DARK -> true;
      case LIGHT -> false;
      case SYSTEM -> javafx.application.Platform.getPreferences().getColorScheme() == javafx.application.ColorScheme.DARK;
    };
  }

  private static String css(String name) {
    return Objects.requireNonNull(TandemWindow.class.getResource("/dev/tandem/app/" + name), name).toExternalForm();
  }

  private boolean confirmLeave() {
    return Questions.ask(stage, "Edits not yet sent",
        "Some of your edits haven't reached the room yet. They are kept on this computer and sent "
            + "the next time you open this room. Close anyway?", "Close anyway");
  }

  private void leaveRoom() {
    fileMenu = null;
    if (room != null) {
      room.close();
      room = null;
    }
  }
}
