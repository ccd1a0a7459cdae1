package dev.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.app.prefs.UserPreferences;
import dev.tandem.app.testing.Fx;
import dev.tandem.app.testing.LoopbackHost;
import dev.tandem.app.testing.Shots;
import dev.tandem.app.testing.SideBySide;
import dev.tandem.app.view.TandemWindow;
import dev.tandem.sync.SyncSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.prefs.Preferences;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The first window of {@link TandemApplication}, opened as {@code tandem} and {@code tandem <link>}
 * open it (the same {@code start} with the command line's arguments, minus the user's real
 * preferences and data directory), and the links of a room just created: shown in the room window
 * and on the system clipboard. A real embedded room server, real sessions, the Headless platform.
 */
class FirstWindowTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private LoopbackHost rooms;
  private Preferences node;
  private UserPreferences prefs;
  private TandemApplication app;

  @BeforeEach
  void setUp() throws Exception {
    Fx.start();
    rooms = new LoopbackHost("tandem-first-window");
    node = Preferences.userRoot().node("dev/tandem/test/" + UUID.randomUUID() + "/ana");
    prefs = SideBySide.person(node, "Ana", "#e91e63");
    app = new TandemApplication();
  }

  @AfterEach
  void tearDown() throws Exception {
    Fx.run(() -> app.windows().forEach(w -> w.stage().close()));
    Fx.run(app::stop);
    rooms.close();
    node.parent().removeNode();
  }

  private void start(List<String> args) {
    Fx.run(() -> {
      Stage stage = new Stage();
      stage.setX(0);
      stage.setY(0);
      app.start(stage, args, prefs, rooms.host(), LoopbackHost.connector(b -> b));
    });
  }

  private TandemWindow window() {
    return Fx.call(() -> app.windows().getFirst());
  }

  private static void until(Callable<Boolean> condition) {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(30)).until(() -> Fx.call(condition));
  }

  private static void untilOpen(TandemWindow w) {
    until(() -> w.room() != null && w.room().viewModel().stateProperty().get() == SyncSession.State.OPEN);
  }

  private static String clipboard() {
    return Fx.call(() -> Clipboard.getSystemClipboard().getString());
  }

  private static String field(TandemWindow w, String id) {
    return Fx.call(() -> ((TextField) w.scene().lookup(id)).getText());
  }

  @Test
  void withoutALinkItHostsARoomAndShowsAndCopiesItsLink() {
    Fx.run(() -> Clipboard.getSystemClipboard().clear());
    start(List.of());
    TandemWindow w = window();
    untilOpen(w);
    String edit = Fx.call(() -> w.room().viewModel().request().editLink());
    String view = Fx.call(() -> w.room().viewModel().request().viewLink());
    assertThat(edit).startsWith("tandem://127.0.0.1:").contains("?key=");
    assertThat(view).startsWith("tandem://127.0.0.1:").contains("?key=").isNotEqualTo(edit);

    assertThat(Fx.call(() -> w.lookupVisible("#room-links"))).isTrue();
    assertThat(field(w, "#room-edit-link")).isEqualTo(edit);
    assertThat(field(w, "#room-view-link")).isEqualTo(view);
    assertThat(clipboard()).as("the edit link is on the clipboard").isEqualTo(edit);
    assertThat(Fx.call(() -> ((Label) w.scene().lookup("#room-links-copied")).getText())).isEqualTo("Edit link copied");
    assertThat(Fx.call(() -> w.lookupVisible("#new-links"))).as("the rotation banner").isFalse();
    Fx.drain();
    Shots.save(w.scene().getRoot(), "14-new-room-links");

    Fx.run(() -> ((Button) w.scene().lookup("#copy-room-view-link")).fire());
    assertThat(clipboard()).isEqualTo(view);
    assertThat(Fx.call(() -> ((Label) w.scene().lookup("#room-links-copied")).getText())).isEqualTo("Read-only link copied");
    Fx.run(() -> ((Button) w.scene().lookup("#copy-room-edit-link")).fire());
    assertThat(clipboard()).isEqualTo(edit);

    // The Share menu copies the same links.
    Fx.run(() -> Clipboard.getSystemClipboard().clear());
    Fx.run(() -> shareItem(w, "copy-view-link").fire());
    assertThat(clipboard()).isEqualTo(view);
    Fx.run(() -> shareItem(w, "copy-edit-link").fire());
    assertThat(clipboard()).isEqualTo(edit);

    // Dismissed, it stays away; the links stay in the Share menu.
    Fx.run(() -> ((Button) w.scene().lookup("#room-links-close")).fire());
    assertThat(Fx.call(() -> w.lookupVisible("#room-links"))).isFalse();
    assertThat(Fx.call(() -> w.room().viewModel().share().editLinkProperty().get())).isEqualTo(edit);
  }

  @Test
  void aFileOpenedIntoANewRoomShowsAndCopiesTheLinkToo() throws Exception {
    Path file = Files.writeString(rooms.data().resolve("notes.txt"), "Notes to share\n");
    start(List.of());
    TandemWindow w = window();
    untilOpen(w);
    Fx.run(() -> {
      w.showStart();
      w.startViewModel().openFileIntoNewRoom(file);
    });
    until(() -> w.room() != null && w.room().area().getText().equals("Notes to share")
        && w.room().viewModel().stateProperty().get() == SyncSession.State.OPEN);
    String edit = Fx.call(() -> w.room().viewModel().request().editLink());
    assertThat(Fx.call(() -> w.lookupVisible("#room-links"))).isTrue();
    assertThat(field(w, "#room-edit-link")).isEqualTo(edit);
    assertThat(clipboard()).isEqualTo(edit);
  }

  @Test
  void withALinkItOpensThatRoomAndShowsNoNewRoomBanner() throws Exception {
    var room = rooms.host().createRoom();
    Fx.run(() -> Clipboard.getSystemClipboard().clear());
    start(List.of(room.editLink()));
    TandemWindow w = window();
    untilOpen(w);
    assertThat(Fx.call(() -> w.openRoomLink().orElseThrow().roomId())).isEqualTo(room.id());
    assertThat(Fx.call(() -> w.room().viewModel().request().hosted())).isFalse();
    assertThat(Fx.call(() -> w.room().viewModel().roleProperty().get())).isEqualTo(dev.tandem.protocol.Role.EDIT);
    assertThat(Fx.call(() -> w.lookupVisible("#room-links"))).isFalse();
    assertThat(Fx.call(() -> Clipboard.getSystemClipboard().hasString())).as("nothing copied").isFalse();
  }

  @Test
  void aBadLinkOnTheCommandLineIsASentenceOnTheStartScreen() {
    start(List.of("tandem://nowhere/not-a-room"));
    TandemWindow w = window();
    assertThat(Fx.call(() -> w.room())).isNull();
    assertThat(Fx.call(() -> w.startViewModel().errorProperty().get())).contains("doesn't look like a Tandem room link");
  }

  private static MenuItem shareItem(TandemWindow w, String id) {
    return ((MenuButton) w.scene().lookup("#share")).getItems().stream()
        .filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
  }
}
