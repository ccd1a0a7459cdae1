package dev.tandem.app.view;

import dev.tandem.app.AppInfo;
import dev.tandem.app.editor.PreparedDocument;
import dev.tandem.app.host.LocalHost;
import dev.tandem.app.prefs.UserPreferences;
import dev.tandem.app.session.SessionConnector;
import dev.tandem.app.files.DocumentFiles;
import dev.tandem.app.viewmodel.FileViewModel;
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
    this.stage = stage;
    this.prefs = prefs;
    this.host = host;
    this.connector = connector;
    this.background = background;
    double[] g = prefs.windowGeometry();
    scene = new Scene(content, g == null ? 1100 : g[2], g == null ? 720 : g[3]);
    if (g != null) {
      stage.setX(g[0]);
      stage.setY(g[1]);
    }
    applyTheme();
    stage.setScene(scene);
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

  public Stage stage() { return stage; }
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
    StartView view = new StartView(start);
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
    room.area().setStyle("-fx-font-size: " + prefs.fontSize() + "px;");
    fileMenu = fileMenu(room);
    fileMenu.menuBar().getMenus().add(room.viewMenu());
    room.addAboveToolbar(fileMenu.node());
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

  public void setDarkTheme(boolean dark) {
    prefs.setDarkTheme(dark);
    applyTheme();
  }

  private void applyTheme() {
    scene.getStylesheets().setAll(css("tandem.css"));
    if (prefs.darkTheme()) {
      scene.getStylesheets().add(css("dark.css"));
    }
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
