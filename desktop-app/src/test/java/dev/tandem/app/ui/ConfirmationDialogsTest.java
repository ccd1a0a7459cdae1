package dev.tandem.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.app.host.LocalHost;
import dev.tandem.app.prefs.UserPreferences;
import dev.tandem.app.session.SessionConnector;
import dev.tandem.app.testing.Fx;
import dev.tandem.app.testing.LoopbackHost;
import dev.tandem.app.testing.Shots;
import dev.tandem.app.testing.SideBySide;
import dev.tandem.app.view.TandemWindow;
import dev.tandem.ot.Delta;
import dev.tandem.sync.SyncConfig;
import dev.tandem.sync.SyncSession;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The questions the app asks before doing something that cannot be taken back, answered by
 * pressing the dialog's real buttons: a real window on the Headless platform, a real embedded room
 * server, real sessions with a real journal. Each dialog is answered "Cancel" first (nothing
 * happens), then "OK" (it happens).
 */
class ConfirmationDialogsTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private LoopbackHost rooms;
  private Path data;
  private LocalHost host;
  /** The app's host after the restart (the first one is closed for good). */
  private LocalHost restarted;
  private ExecutorService background;
  private Preferences prefsNode;
  private SessionConnector connector;
  private UserPreferences prefs;
  private TandemWindow window;

  @BeforeEach
  void hostARoom() throws Exception {
    Fx.start();
    rooms = new LoopbackHost("tandem-dialogs");
    data = rooms.data();
    host = rooms.host();
    background = rooms.background();
    connector = LoopbackHost.connector(b -> b.journalDirectory(data.resolve("journal"))
        .backoff(Duration.ofMillis(100), Duration.ofMillis(400), 0.1));
    prefsNode = Preferences.userRoot().node("dev/tandem/test/" + UUID.randomUUID() + "/ana");
    prefs = SideBySide.person(prefsNode, "Ana", "#e91e63");
    window = openWindow();
    Fx.run(() -> window.startViewModel().newRoom());
    until(() -> window.room() != null && window.room().viewModel().stateProperty().get() == SyncSession.State.OPEN);
  }

  @AfterEach
  void closeAll() throws Exception {
    Fx.run(() -> {
      for (Window w : java.util.List.copyOf(Window.getWindows())) {
        if (w instanceof Stage s) {
          s.close();
        }
      }
    });
    if (window.room() != null) {
      Fx.run(() -> window.room().close());
    }
    rooms.close();
    if (restarted != null) {
      restarted.close();
    }
    prefsNode.parent().removeNode();
  }

  @Test
  void closingWithUnsentEditsAsksAndTheEditsReachTheRoomNextTime() throws Exception {
    String link = fx(() -> window.room().viewModel().request().editLink());
    Fx.run(() -> window.room().area().insertText(0, "sent. "));
    until(() -> pending() == 0 && !text().isEmpty());
    int port = host.listening().port();
    host.close(); // the host goes away: the session loses its server
    until(() -> window.room().viewModel().stateProperty().get() != SyncSession.State.OPEN);
    Fx.run(() -> window.room().area().insertText(window.room().area().getLength(), "kept offline."));
    until(() -> pending() > 0);

    requestClose();
    DialogPane question = awaitDialog("Edits not yet sent");
    assertThat(question.getContentText()).contains("kept on this computer");
    Shots.saveWithPopups(window.scene(), "20-close-with-unsent-edits");
    press(question, "Cancel");
    until(() -> dialog("Edits not yet sent").isEmpty());
    assertThat(fx(() -> window.stage().isShowing())).isTrue();
    assertThat(fx(() -> window.room() != null)).isTrue();
    assertThat(text()).isEqualTo("sent. kept offline.");

    requestClose();
    press(awaitDialog("Edits not yet sent"), "Close anyway");
    until(() -> !window.stage().isShowing());

    // The host comes back on the same data and port; the room is opened again in a new window
    // with the same journal.
    restarted = new LocalHost(data.resolve("rooms"), "127.0.0.1", "127.0.0.1", port);
    host = restarted;
    window = openWindow();
    Fx.run(() -> window.startViewModel().join(link));
    until(() -> window.room() != null && window.room().viewModel().stateProperty().get() == SyncSession.State.OPEN
        && pending() == 0);
    assertThat(text()).isEqualTo("sent. kept offline.");
    // What the server holds, seen by somebody else: a second, journal-less session.
    assertThat(serverDocumentSeenBy(link)).isEqualTo("sent. kept offline.\n");
  }

  @Test
  void closingWithEverythingSentDoesNotAsk() {
    Fx.run(() -> window.room().area().insertText(0, "all sent"));
    until(() -> pending() == 0 && text().equals("all sent"));
    requestClose();
    until(() -> !window.stage().isShowing());
    assertThat(fx(() -> dialog("Edits not yet sent"))).isEmpty();
  }

  @Test
  void changingTheKeysAsksFirst() {
    String before = fx(() -> window.room().viewModel().share().editLinkProperty().get());
    MenuItem rotate = fx(() -> ((MenuButton) window.scene().lookup("#share")).getItems().stream()
        .filter(i -> "rotate-keys".equals(i.getId())).findFirst().orElseThrow());
    assertThat(fx(() -> rotate.isVisible() && !rotate.isDisable())).isTrue();

    Platform.runLater(rotate::fire);
    DialogPane question = awaitDialog("Change the room's keys?");
    assertThat(question.getContentText()).contains("links stop working");
    Shots.saveWithPopups(window.scene(), "21-change-keys-question");
    press(question, "Cancel");
    until(() -> dialog("Change the room's keys?").isEmpty());
    Fx.drain();
    assertThat(fx(() -> window.room().viewModel().share().editLinkProperty().get())).isEqualTo(before);

    Platform.runLater(rotate::fire);
    press(awaitDialog("Change the room's keys?"), "Change keys");
    until(() -> !before.equals(window.room().viewModel().share().editLinkProperty().get()));
    assertThat(fx(() -> window.room().viewModel().share().editLinkProperty().get()))
        .startsWith(before.substring(0, before.indexOf('?')));
  }

  @Test
  void removingAParticipantAsksFirst() throws Exception {
    String link = fx(() -> window.room().viewModel().request().editLink());
    SyncSession bo = SyncSession.connect(dev.tandem.sync.RoomLink.parse(link),
        new dev.tandem.protocol.Values.User("Bo", "#1e88e5"), SyncConfig.builder().build(),
        new dev.tandem.sync.SyncListener() { });
    try {
      until(() -> window.room().viewModel().participants().participants().size() == 1);
      // The list's cell shows the new participant only after the list view's next layout.
      until(() -> participantCell().isPresent());
      MenuItem remove = fx(() -> participantCell().orElseThrow().getContextMenu().getItems().getFirst());
      assertThat(fx(remove::getText)).isEqualTo("Remove Bo from the room…");

      Platform.runLater(remove::fire);
      DialogPane question = awaitDialog("Remove Bo?");
      Shots.saveWithPopups(window.scene(), "22-remove-participant-question");
      press(question, "Cancel");
      until(() -> dialog("Remove Bo?").isEmpty());
      Fx.drain();
      assertThat(bo.status().state()).isEqualTo(SyncSession.State.OPEN);
      assertThat(fx(() -> window.room().viewModel().participants().participants().size())).isEqualTo(1);

      Platform.runLater(remove::fire);
      press(awaitDialog("Remove Bo?"), "Remove");
      await().atMost(WAIT).until(() -> bo.status().state() != SyncSession.State.OPEN);
      until(() -> window.room().viewModel().participants().participants().isEmpty());
    } finally {
      bo.close();
    }
  }

  private TandemWindow openWindow() {
    return fx(() -> {
      TandemWindow w = new TandemWindow(new Stage(), prefs, host, connector, background);
      w.stage().setX(0);
      w.stage().setY(0);
      w.showStart();
      w.stage().show();
      return w;
    });
  }

  /** Asks the window to close as its title bar's close button does; returns before any dialog is answered. */
  private void requestClose() {
    Stage stage = window.stage();
    Platform.runLater(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
  }

  private DialogPane awaitDialog(String header) {
    until(() -> dialog(header).isPresent());
    return fx(() -> dialog(header).orElseThrow());
  }

  /** A showing dialog with this header text (FX thread). */
  private static Optional<DialogPane> dialog(String header) {
    return Window.getWindows().stream()
        .filter(w -> w.isShowing() && w.getScene() != null && w.getScene().getRoot() instanceof DialogPane)
        .map(w -> (DialogPane) w.getScene().getRoot())
        .filter(p -> header.equals(p.getHeaderText()))
        .findFirst();
  }

  /**
   * Presses the dialog's button labelled {@code label}; the dialog's nested event loop runs this
   * like any other FX work.
   */
  private static void press(DialogPane pane, String label) {
    Fx.run(() -> {
      ButtonType type = pane.getButtonTypes().stream().filter(t -> t.getText().equals(label)).findFirst()
          .orElseThrow(() -> new AssertionError("no button " + label + " in " + pane.getButtonTypes()));
      ((Button) pane.lookupButton(type)).fire();
    });
  }

  private String serverDocumentSeenBy(String link) throws Exception {
    var document = new java.util.concurrent.CompletableFuture<String>();
    SyncSession other = SyncSession.connect(dev.tandem.sync.RoomLink.parse(link),
        new dev.tandem.protocol.Values.User("Check", "#000000"),
        SyncConfig.builder().build(), new dev.tandem.sync.SyncListener() {
          private Delta current = Delta.document("\n");

          @Override
          public void onChange(Delta change, dev.tandem.sync.ChangeOrigin origin) {
            current = current.compose(change);
            document.complete(current.plainText());
          }
        });
    try {
      return document.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    } finally {
      other.close();
    }
  }

  private int pending() {
    return window.room().viewModel().pendingEditsProperty().get();
  }

  private String text() {
    return fx(() -> window.room().area().getText());
  }

  private static <T> T fx(Callable<T> c) {
    return Fx.call(c);
  }

  /** The participants list's cell showing someone, with its context menu (FX thread). */
  private java.util.Optional<javafx.scene.control.ListCell<?>> participantCell() {
    return window.scene().lookup("#participants").lookupAll(".list-cell").stream()
        .<javafx.scene.control.ListCell<?>>map(n -> (javafx.scene.control.ListCell<?>) n)
        .filter(c -> c.getItem() != null && c.getContextMenu() != null)
        .findFirst();
  }

  private static void until(Callable<Boolean> condition) {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(30)).until(() -> fx(condition));
  }
}
