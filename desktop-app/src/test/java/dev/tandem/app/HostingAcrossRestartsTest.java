package dev.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.app.host.LocalHost;
import dev.tandem.app.prefs.UserPreferences;
import dev.tandem.app.testing.Fx;
import dev.tandem.app.testing.LoopbackHost;
import dev.tandem.app.testing.Ports;
import dev.tandem.app.testing.Reader;
import dev.tandem.app.testing.Shots;
import dev.tandem.app.testing.SideBySide;
import dev.tandem.app.view.TandemWindow;
import dev.tandem.sync.RoomLink;
import dev.tandem.sync.SyncSession;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.prefs.Preferences;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The app hosting a room across restarts, as {@code tandem} without a link starts it twice on one
 * computer: the same data directory and preferences, a new embedded server each run. Real
 * servers on loopback, real SQLite, real sessions for the people the links went to, the app's
 * windows in real scenes on the Headless platform.
 */
class HostingAcrossRestartsTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private Path data;
  private Preferences node;
  private UserPreferences prefs;
  private TandemApplication app;
  private LocalHost host;

  @BeforeEach
  void setUp() throws IOException {
    Fx.start();
    data = Files.createTempDirectory("tandem-hosting");
    node = Preferences.userRoot().node("dev/tandem/test/" + UUID.randomUUID() + "/ana");
    prefs = SideBySide.person(node, "Ana", "#e91e63");
  }

  @AfterEach
  void tearDown() throws Exception {
    quit();
    node.parent().removeNode();
  }

  /** Starts the app as {@code tandem} does, its rooms under the test's data directory, asking for {@code port}. */
  private TandemWindow launch(int port) {
    app = new TandemApplication();
    host = new LocalHost(data.resolve("rooms"), "127.0.0.1", "127.0.0.1", port);
    Fx.run(() -> {
      Stage stage = new Stage();
      stage.setX(0);
      stage.setY(0);
      app.start(stage, List.of(), prefs, host, LoopbackHost.connector(b -> b));
    });
    TandemWindow w = Fx.call(() -> app.windows().getFirst());
    until(() -> w.room() != null && w.room().viewModel().stateProperty().get() == SyncSession.State.OPEN);
    return w;
  }

  /** Starts the app as {@code tandem <link>} does; returns its window once it shows the start screen or a room. */
  private TandemWindow launchWith(String link) {
    app = new TandemApplication();
    host = new LocalHost(data.resolve("rooms"), "127.0.0.1", "127.0.0.1", 0);
    Fx.run(() -> app.start(new Stage(), List.of(link), prefs, host, LoopbackHost.connector(b -> b)));
    return Fx.call(() -> app.windows().getFirst());
  }

  /** Closes the windows and ends the app (its embedded server with it). */
  private void quit() {
    if (app != null) {
      TandemApplication ending = app;
      app = null;
      Fx.run(() -> ending.windows().forEach(w -> w.stage().close()));
      Fx.run(ending::stop);
    }
  }

  private static void until(Callable<Boolean> condition) {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(30)).until(() -> Fx.call(condition));
  }


  private static String text(TandemWindow w) {
    return Fx.call(() -> w.room().area().getText());
  }

  @Test
  void theRoomComesBackAtTheNextStartWithItsTextAndItsOldLinksStillJoin() throws Exception {
    int port = Ports.unused();
    TandemWindow first = launch(port);
    String editLink = Fx.call(() -> first.room().viewModel().share().editLinkProperty().get());
    String roomId = Fx.call(() -> first.openRoomLink().orElseThrow().roomId());
    assertThat(RoomLink.parse(editLink).port()).isEqualTo(port);
    try (Reader bo = new Reader(editLink).joined()) {
      bo.typeAtStart("Written before the restart");
    }
    until(() -> first.room().area().getText().equals("Written before the restart"));
    quit();

    Fx.run(() -> Clipboard.getSystemClipboard().clear());
    TandemWindow again = launch(port);
    assertThat(Fx.call(() -> again.openRoomLink().orElseThrow().roomId())).as("the same room").isEqualTo(roomId);
    until(() -> again.room().area().getText().equals("Written before the restart"));
    assertThat(Fx.call(() -> again.room().viewModel().request().hosted())).isTrue();
    assertThat(Fx.call(() -> again.room().viewModel().share().editLinkProperty().get()))
        .as("the same port, so the same link").isEqualTo(editLink);
    assertThat(Fx.call(() -> again.lookupVisible("#room-links"))).as("no new-room banner").isFalse();
    assertThat(Fx.call(() -> again.lookupVisible("#hosting-notice"))).isFalse();
    assertThat(Fx.call(() -> Clipboard.getSystemClipboard().hasString())).as("nothing copied over").isFalse();
    assertThat(Fx.call(() -> again.stage().getTitle())).endsWith("your room");
    try (Reader bo = new Reader(editLink).joined()) {
      bo.untilText("Written before the restart\n");
    }
  }

  @Test
  void aTakenPortIsSaidInTheRoomAndInPreferencesAndTheRecentRoomOpensAtTheNewPort() throws Exception {
    int port = Ports.unused();
    TandemWindow first = launch(port);
    String oldEdit = Fx.call(() -> first.room().viewModel().share().editLinkProperty().get());
    try (Reader bo = new Reader(oldEdit).joined()) {
      bo.typeAtStart("Kept in the room");
    }
    quit();

    try (ServerSocket taken = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
      TandemWindow w = launch(port);
      int now = host.listening().port();
      assertThat(now).isNotEqualTo(port);
      until(() -> w.room().area().getText().equals("Kept in the room"));
      assertThat(Fx.call(() -> w.lookupVisible("#hosting-notice"))).isTrue();
      String notice = Fx.call(() -> ((Label) w.scene().lookup("#hosting-notice-text")).getText());
      assertThat(notice).contains("Port " + port + " is in use").contains("port " + now)
          .contains("won't reach this copy").doesNotContain("Exception");
      Fx.drain();
      Shots.save(w.scene().getRoot(), "30-hosting-port-taken");
      String newEdit = Fx.call(() -> w.room().viewModel().share().editLinkProperty().get());
      assertThat(newEdit).isEqualTo(oldEdit.replace(":" + port + "/", ":" + now + "/"));

      // Preferences says the same, and sets the port for the next start.
      Fx.run(w::showPreferences);
      until(() -> preferencesDialog() != null);
      DialogPane pane = Fx.call(HostingAcrossRestartsTest::preferencesDialog);
      assertThat(Fx.call(() -> ((Label) pane.lookup("#pref-host-status")).getText()))
          .isEqualTo("Port " + port + " was in use by another program, so rooms are hosted on port " + now
              + " for now: links from earlier sessions won't reach this copy.");
      TextField portField = Fx.call(() -> (TextField) pane.lookup("#pref-host-port"));
      String shown = Fx.call(() -> portField.getText());
      assertThat(shown).isEqualTo(Integer.toString(UserPreferences.DEFAULT_HOST_PORT));
      Fx.run(() -> portField.setText("80"));
      assertThat(Fx.call(() -> ((Label) pane.lookup("#pref-host-port-problem")).getText()))
          .isEqualTo("Choose a port from 1024 to 65535.");
      assertThat(prefs.hostPort()).as("not saved").isEqualTo(UserPreferences.DEFAULT_HOST_PORT);
      Fx.run(() -> portField.setText("9100"));
      assertThat(prefs.hostPort()).isEqualTo(9100);
      assertThat(Fx.call(() -> ((Label) pane.lookup("#pref-host-port-problem")).getText())).isEmpty();
      Fx.drain();
      Shots.save(pane, "31-preferences-hosting");
      Fx.run(() -> pane.getScene().getWindow().hide());

      // The start screen lists the room as this computer's, and reopening it uses the current port.
      Fx.run(w::showStart);
      @SuppressWarnings("unchecked")
      ListView<String> recent = Fx.call(() -> (ListView<String>) w.scene().lookup("#recent-rooms"));
      List<String> items = Fx.call(() -> List.copyOf(recent.getItems()));
      assertThat(items).hasSize(1);
      String entry = Fx.call(() -> recent.getItems().getFirst());
      assertThat(RoomLink.parse(entry).port()).as("the entry was brought up to date when it reopened").isEqualTo(now);
      assertThat(Fx.call(() -> w.startViewModel().describeRecent(entry))).endsWith("on this computer");
      Fx.run(() -> w.startViewModel().join(entry));
      until(() -> w.room() != null && w.room().viewModel().stateProperty().get() == SyncSession.State.OPEN
          && w.room().area().getText().equals("Kept in the room"));
      assertThat(Fx.call(() -> w.openRoomLink().orElseThrow().port())).isEqualTo(now);
      try (Reader bo = new Reader(newEdit).joined()) {
        bo.untilText("Kept in the room\n");
      }
    }
  }

  private static DialogPane preferencesDialog() {
    return Window.getWindows().stream()
        .filter(w -> w.isShowing() && w.getScene() != null && w.getScene().getRoot() instanceof DialogPane p
            && "preferences".equals(p.getId()))
        .map(w -> (DialogPane) w.getScene().getRoot())
        .findFirst().orElse(null);
  }

  @Test
  void aServerThatCannotStartAtLaunchIsSaidOnTheStartScreenWhileTheLinkGivenJoinsItsRoom() throws Exception {
    LocalHost otherCopy = new LocalHost(data.resolve("rooms"), "127.0.0.1", "127.0.0.1", 0);
    try (dev.tandem.server.RoomServer someoneElse = dev.tandem.server.RoomServer.start(
        dev.tandem.server.ServerConfig.builder().bindAddress("127.0.0.1").port(0).build())) {
      otherCopy.createRoom(); // this computer hosted before, and another copy holds its store now
      var room = someoneElse.createRoom();
      TandemWindow w = launchWith(someoneElse.appLink("127.0.0.1", room.id(), room.editKey()));
      until(() -> w.room() != null && w.room().viewModel().stateProperty().get() == SyncSession.State.OPEN);

      Fx.run(w::showStart);
      until(() -> w.lookupVisible("#start-error"));
      assertThat(Fx.call(() -> ((Label) w.scene().lookup("#start-error")).getText()))
          .startsWith("Tandem couldn't start hosting a room on this computer: another copy of Tandem is hosting rooms from")
          .doesNotContain("Exception");
      quit();
    } finally {
      otherCopy.close();
    }
  }
}
