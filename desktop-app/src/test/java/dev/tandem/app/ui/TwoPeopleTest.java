package dev.tandem.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.app.host.LocalHost;
import dev.tandem.app.prefs.UserPreferences;
import dev.tandem.app.session.SessionConnector;
import dev.tandem.app.testing.Fx;
import dev.tandem.app.testing.SideBySide;
import dev.tandem.app.testing.Shots;
import dev.tandem.app.view.TandemWindow;
import dev.tandem.ot.Attributes;
import dev.tandem.ot.Formats;
import dev.tandem.protocol.Values.Range;
import dev.tandem.server.RoomServer;
import dev.tandem.server.ServerConfig;
import dev.tandem.sync.SyncConfig;
import dev.tandem.sync.SyncSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * Two app windows in one JVM, Ana (hosting) and Bo, through a real embedded room server and real
 * sync sessions, on the JavaFX Headless platform. The tests run in order and share the room.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoPeopleTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  /** Own edits closer together than this form one undo group (sync-client's Quill-like history). */
  private static final Duration UNDO_GROUP_PAUSE = Duration.ofMillis(200);
  private static Path data;
  private static LocalHost host;
  private static ExecutorService background;
  private static TandemWindow ana;
  private static TandemWindow bo;
  private static Preferences anaPrefs;
  private static Preferences boPrefs;
  /** The room server after step 8 restarted it on the same port and data. */
  private static RoomServer restarted;
  private static final FxRobot robot = new FxRobot();

  @BeforeAll
  static void openTwoWindows() throws Exception {
    FxToolkit.registerPrimaryStage();
    Fx.start();
    data = Files.createTempDirectory("tandem-ui");
    host = new LocalHost(data.resolve("rooms"), "127.0.0.1", "127.0.0.1");
    background = Executors.newVirtualThreadPerTaskExecutor();
    long t0 = System.nanoTime();
    host.createRoom(); // starts the embedded server outside the timed waits
    System.err.println("embedded server started in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    SessionConnector connector = SessionConnector.real(SyncConfig.builder()
        .backoff(Duration.ofMillis(100), Duration.ofMillis(400), 0.1)
        .presenceInterval(Duration.ofMillis(20))
        .undoGroupPause(UNDO_GROUP_PAUSE)
        .listenerExecutor(dev.tandem.app.fx.FxThread.listenerExecutor()).build());
    String id = UUID.randomUUID().toString();
    anaPrefs = Preferences.userRoot().node("dev/tandem/test/" + id + "/ana");
    boPrefs = Preferences.userRoot().node("dev/tandem/test/" + id + "/bo");
    TandemWindow[] windows = SideBySide.open(SideBySide.person(anaPrefs, "Ana", "#e91e63"),
        SideBySide.person(boPrefs, "Bo", "#1e88e5"), host, connector, background, w -> { });
    ana = windows[0];
    bo = windows[1];
  }

  @AfterAll
  static void closeAll() throws Exception {
    SideBySide.close(ana, bo);
    host.close();
    if (restarted != null) {
      restarted.close();
    }
    background.shutdownNow();
    anaPrefs.parent().removeNode();
  }

  private static <T> T fx(Callable<T> c) {
    return Fx.call(c);
  }

  private static void until(Callable<Boolean> condition) {
    try {
      await().atMost(WAIT).pollInterval(Duration.ofMillis(30)).until(() -> fx(condition));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(e.getMessage() + "\n" + diagnostics(), e);
    }
  }

  /** Both documents, both sessions' status, for a timed-out wait. */
  private static String diagnostics() {
    return fx(() -> {
      StringBuilder b = new StringBuilder();
      for (TandemWindow w : new TandemWindow[] {ana, bo}) {
        String who = w == ana ? "ana" : "bo";
        if (w.room() == null) {
          b.append(who).append(": no room\n");
          continue;
        }
        var s = w.room().viewModel().session();
        b.append(who).append(" area: ").append(w.room().area().getText().replace("\n", "\\n")).append('\n');
        b.append(who).append(" bridge: ").append(w.room().bridge() == null ? "-" : w.room().bridge().document()).append('\n');
        b.append(who).append(" status: ").append(s == null ? "-" : s.status()).append('\n');
        b.append(who).append(" error: ").append(w.room().viewModel().errorProperty().get()).append('\n');
      }
      return b.toString();
    });
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String text(TandemWindow w) {
    return fx(() -> w.room().area().getText());
  }

  @Test
  @Order(1)
  void startScreenHostsARoomAndTheOtherJoinsByLink() {
    Shots.save(ana.scene().getRoot(), "01-start-screen");
    Fx.run(() -> ana.startViewModel().newRoom());
    until(() -> ana.room() != null && ana.room().viewModel().stateProperty().get() == SyncSession.State.OPEN);
    String link = fx(() -> ana.room().viewModel().request().editLink());
    assertThat(link).startsWith("tandem://127.0.0.1:");
    // The new room's links are shown (FirstWindowTest looks closer); Ana closes them.
    assertThat(fx(() -> ((javafx.scene.control.TextField) ana.scene().lookup("#room-edit-link")).getText())).isEqualTo(link);
    Fx.run(() -> ((javafx.scene.control.Button) ana.scene().lookup("#room-links-close")).fire());
    assertThat(fx(() -> ana.lookupVisible("#room-links"))).isFalse();
    Fx.run(() -> bo.startViewModel().join(link));
    until(() -> bo.room() != null && bo.room().viewModel().stateProperty().get() == SyncSession.State.OPEN);
    until(() -> ana.room().viewModel().peers().size() == 1 && bo.room().viewModel().peers().size() == 1);
    assertThat(fx(() -> bo.room().viewModel().peopleTextProperty().get())).isEqualTo("2 people here");
  }

  @Test
  @Order(2)
  void typingInOneWindowAppearsInTheOther() {
    Fx.run(() -> ana.stage().toFront());
    // Key by key through the area's own editing path (what a key press does), one FX turn each.
    for (char ch : "Hello Bo".toCharArray()) {
      Fx.run(() -> ana.room().area().replaceSelection(String.valueOf(ch)));
    }
    until(() -> text(bo).equals("Hello Bo"));
    assertThat(text(ana)).isEqualTo("Hello Bo");
    // Bo appends on his side; both converge.
    Fx.run(() -> bo.room().area().insertText(bo.room().area().getLength(), ", hi Ana"));
    await().atMost(WAIT).untilAsserted(() -> assertThat(text(ana) + " | bo: " + text(bo)).isEqualTo("Hello Bo, hi Ana | bo: Hello Bo, hi Ana"));
  }

  @Test
  @Order(3)
  void boldAndHeadingShowInTheOtherWindow() {
    Fx.run(() -> {
      if (ana.room().area().getLength() == 0) {
        ana.room().area().insertText(0, "Hello Bo");
      }
    });
    // Step 2 leaves "Hello Bo, hi Ana"; only the start matters here.
    until(() -> text(bo).startsWith("Hello Bo") && text(bo).equals(text(ana)));
    Fx.run(() -> {
      var area = ana.room().area();
      area.selectRange(0, 5);
    });
    Fx.run(() -> ((javafx.scene.control.ToggleButton) ana.scene().lookup("#fmt-bold")).fire());
    Fx.run(() -> ana.room().area().selectRange(0, 0));
    Fx.run(() -> ((javafx.scene.control.ToggleButton) ana.scene().lookup("#fmt-h1")).fire());
    until(() -> Boolean.TRUE.equals(bo.room().area().getStyleOfChar(0, 1).get(Formats.BOLD)));
    until(() -> bo.room().area().getParagraph(0).getParagraphStyle().get(Formats.HEADER) instanceof Number n
        && n.intValue() == 1);
    assertThat(fx(() -> ana.room().toolbarState().header.get())).isEqualTo(1);
    // A second paragraph with a list, from Bo via shortcut-free API.
    Fx.run(() -> {
      var area = bo.room().area();
      area.insertText(area.getLength(), "\nFirst point\nSecond point");
      area.setParagraphStyle(1, Attributes.of(Formats.LIST, "bullet"));
      area.setParagraphStyle(2, Attributes.of(Formats.LIST, "bullet"));
    });
    until(() -> ana.room().area().getParagraphs().size() == 3
        && "bullet".equals(ana.room().area().getParagraph(2).getParagraphStyle().get(Formats.LIST)));
    // Inline formats inside the list, through the toolbar, where they are visible (a heading is bold anyway).
    Fx.run(() -> {
      var area = ana.room().area();
      int first = area.getText().indexOf("First");
      area.selectRange(first, first + 5);
      ((javafx.scene.control.ToggleButton) ana.scene().lookup("#fmt-bold")).fire();
      int point = area.getText().lastIndexOf("point");
      area.selectRange(point, point + 5);
      ((javafx.scene.control.ToggleButton) ana.scene().lookup("#fmt-italic")).fire();
      ((javafx.scene.control.ToggleButton) ana.scene().lookup("#fmt-underline")).fire();
      area.selectRange(point + 1, point + 4);
    });
    until(() -> {
      var area = bo.room().area();
      int first = area.getText().indexOf("First");
      int point = area.getText().lastIndexOf("point");
      return Boolean.TRUE.equals(area.getStyleOfChar(first + 1).get(Formats.BOLD))
          && Boolean.TRUE.equals(area.getStyleOfChar(point + 1).get(Formats.ITALIC))
          && Boolean.TRUE.equals(area.getStyleOfChar(point + 1).get(Formats.UNDERLINE));
    });
    Fx.drain();
    assertThat(fx(() -> ana.room().toolbarState().italic.get() && ana.room().toolbarState().underline.get()
        && "bullet".equals(ana.room().toolbarState().list.get()))).isTrue();
    Shots.save(ana.scene().getRoot(), "03-formatting-toolbar");
  }

  @Test
  @Order(4)
  void remoteCaretSitsAtTheRightCharacter() {
    Fx.run(() -> bo.room().area().selectRange(6, 8)); // "Bo"
    until(() -> ana.room().cursors().rangeOf(fx(() -> bo.room().viewModel().session().clientId()))
        .equals(java.util.Optional.of(new Range(6, 8))));
    // Ana types before Bo's selection: his highlight moves with the text (OT, not RichTextFX).
    Fx.run(() -> ana.room().area().insertText(0, ">> "));
    String boId = fx(() -> bo.room().viewModel().session().clientId());
    until(() -> ana.room().cursors().rangeOf(boId).equals(java.util.Optional.of(new Range(9, 11))));
    until(() -> ana.room().cursors().caretBounds(boId).isPresent());
    // The caret is drawn at the right edge of "Bo" (character 11 starts after it).
    var caret = fx(() -> ana.room().cursors().caretBounds(boId).orElseThrow());
    var charBox = fx(() -> ana.room().cursors().overlay().screenToLocal(
        ana.room().area().getCharacterBoundsOnScreen(10, 11).orElseThrow()));
    assertThat(Math.abs(caret.getMinX() + 1 - charBox.getMaxX())).isLessThan(3.0);
    Fx.drain();
    Shots.save(ana.scene().getRoot(), "02-two-people-editing");
  }

  /**
   * Later selection changes keep arriving, also right after a remote change moved the caret (this
   * step once lost such an update: the bridge skipped reading the caret while applying a remote
   * change, so its invalidation listener stayed silent for the next local move).
   */
  @Test
  @Order(5)
  void laterSelectionChangesArrive() {
    String boId = fx(() -> bo.room().viewModel().session().clientId());
    Fx.run(() -> {
      ana.room().area().selectRange(0, 0);
      bo.room().area().selectRange(3, 3);
    });
    until(() -> ana.room().cursors().rangeOf(boId).equals(java.util.Optional.of(new Range(3, 3))));
    Fx.run(() -> bo.room().area().selectRange(12, 17));
    until(() -> ana.room().cursors().rangeOf(boId).equals(java.util.Optional.of(new Range(12, 17))));
    String anaId = fx(() -> ana.room().viewModel().session().clientId());
    Fx.run(() -> ana.room().area().selectRange(3, 8));
    until(() -> bo.room().cursors().rangeOf(anaId).equals(java.util.Optional.of(new Range(3, 8))));
  }

  @Test
  @Order(6)
  void undoInAnaLeavesBosTextAlone() {
    String boBefore = text(bo);
    // Ana's ">> " from step 4 would otherwise join this edit's undo group (same kind, within the
    // pause, ">> " ends a word and " [ana]" does not start one): undo would take both back.
    pause(UNDO_GROUP_PAUSE.multipliedBy(2));
    Fx.run(() -> ana.room().area().insertText(ana.room().area().getLength(), " [ana]"));
    until(() -> text(bo).endsWith(" [ana]"));
    Fx.run(() -> bo.room().area().insertText(0, "B:"));
    until(() -> text(ana).startsWith("B:"));
    Fx.run(() -> {
      ana.room().area().requestFocus();
      ana.room().area().undo();
    });
    until(() -> !text(ana).contains("[ana]"));
    until(() -> !text(bo).contains("[ana]"));
    assertThat(text(bo)).startsWith("B:").isEqualTo("B:" + boBefore);
  }

  @Test
  @Order(7)
  void chatRoundTripsWithAnUnreadCount() {
    Fx.run(() -> ana.room().viewModel().sendChat("Shall we add a conclusion?"));
    until(() -> bo.room().viewModel().chat().size() == 1);
    assertThat(fx(() -> bo.room().viewModel().unreadProperty().get())).isEqualTo(1);
    Fx.run(() -> bo.room().viewModel().chatOpenProperty().set(true));
    assertThat(fx(() -> bo.room().viewModel().unreadProperty().get())).isZero();
    Fx.run(() -> bo.room().viewModel().sendChat("Yes — I'll write it."));
    until(() -> ana.room().viewModel().chat().size() == 2);
    Fx.drain();
    Shots.save(bo.scene().getRoot(), "04-chat-open");
  }

  @Test
  @Order(8)
  void forcedDisconnectShowsReconnectingAndEditsArriveAfter() throws Exception {
    RoomServer server = host.server();
    int port = server.port();
    server.close();
    until(() -> ana.room().viewModel().stateProperty().get() != SyncSession.State.OPEN);
    // "Reconnecting in 1 s…" while waiting out the backoff, "Reconnecting…" during an attempt
    until(() -> ana.room().viewModel().statusTextProperty().get().startsWith("Reconnecting"));
    Fx.run(() -> ana.room().area().insertText(0, "offline edit. "));
    until(() -> ana.room().viewModel().pendingEditsProperty().get() > 0);
    assertThat(fx(() -> ana.room().viewModel().pendingTextProperty().get())).contains("not yet on the server");
    Shots.save(ana.scene().getRoot(), "06-reconnecting");
    // The restarted server keeps running for the later steps (closed in closeAll).
    restarted = RoomServer.start(ServerConfig.builder().bindAddress("127.0.0.1").port(port)
        .dataDirectory(data.resolve("rooms")).build());
    {
      until(() -> text(bo).startsWith("offline edit. "));
      until(() -> ana.room().viewModel().pendingEditsProperty().get() == 0);
      assertThat(fx(() -> ana.room().viewModel().statusTextProperty().get())).isEqualTo("Connected");
      // "The room's server is restarting…" is over once the session is back.
      assertThat(fx(() -> ana.room().viewModel().errorProperty().get())).isEmpty();
      assertThat(text(ana)).isEqualTo(text(bo));

      // A read-only link cannot edit: Bo reopens the room with the view key.
      String viewLink = fx(() -> ana.room().viewModel().request().viewLink());
      Fx.run(() -> {
        bo.showStart();
        bo.startViewModel().join(viewLink);
      });
      until(() -> bo.room() != null && bo.room().viewModel().readOnlyProperty().get());
      until(() -> text(bo).equals(text(ana)));
      String before = text(bo);
      assertThat(fx(() -> bo.room().area().isEditable())).isFalse();
      Fx.run(() -> bo.room().area().requestFocus());
      Fx.run(() -> bo.room().area().fireEvent(new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_TYPED,
          "x", "x", javafx.scene.input.KeyCode.UNDEFINED, false, false, false, false)));
      assertThat(text(bo)).isEqualTo(before);
      assertThat(fx(() -> bo.lookupVisible("#read-only-badge"))).isTrue();
      Fx.run(() -> bo.setDarkTheme(true));
      Fx.drain();
      Shots.save(bo.scene().getRoot(), "05-dark-theme-read-only");
      Fx.run(() -> bo.setDarkTheme(false));
      Fx.run(() -> bo.showStart());
    }
  }

  @Test
  @Order(9)
  void errorsAreSentencesNotStackTraces() {
    Fx.run(() -> bo.startViewModel().join("tandem://nowhere/not-a-room"));
    assertThat(fx(() -> bo.startViewModel().errorProperty().get())).contains("doesn't look like a Tandem room link");
    Fx.drain();
    Shots.save(bo.scene().getRoot(), "07-error-bad-link");
    // A well-formed link to a room that does not exist on a server that is not there.
    Fx.run(() -> bo.startViewModel().join("tandem://127.0.0.1:9/aaaaaaaaaaaaaaaaaaaaaaaaaa?key=aaaaaaaaaaaaaaaaaaaaaaaaaa"));
    until(() -> bo.room() != null && bo.room().viewModel().errorProperty().get().startsWith("Can't reach"));
    // never connected, so no document: the editor is read-only and says it is connecting
    assertThat(fx(() -> bo.room().area().isEditable())).isFalse();
    assertThat(fx(() -> bo.lookupVisible("#connecting-hint"))).isTrue();
    Fx.drain();
    Shots.save(bo.scene().getRoot(), "08-error-unreachable");
  }

  private static String clientId(TandemWindow w) {
    return fx(() -> w.room().viewModel().session().clientId());
  }

  /** Bo (re)joins Ana's room with {@code link} and waits until both see each other. */
  private static void boJoins(String link) {
    Fx.run(() -> {
      bo.showStart();
      bo.startViewModel().join(link);
    });
    until(() -> bo.room() != null && bo.room().viewModel().stateProperty().get() == SyncSession.State.OPEN);
    String boId = clientId(bo);
    until(() -> ana.room().viewModel().participants().participants().stream().anyMatch(p -> p.clientId().equals(boId)));
    until(() -> text(bo).equals(text(ana)));
  }

  /** The background tint of the text node that shows {@code piece} in {@code w}'s editor. */
  private static javafx.scene.paint.Paint tintOf(TandemWindow w, String piece) {
    return fx(() -> w.room().area().lookupAll(".text").stream()
        .filter(n -> n instanceof org.fxmisc.richtext.TextExt t && t.getText().contains(piece))
        .map(n -> (org.fxmisc.richtext.TextExt) n).findFirst()
        .orElseThrow(() -> new AssertionError("no text node shows '" + piece + "'")).getBackgroundColor());
  }

  private static boolean sameHue(javafx.scene.paint.Paint paint, String color) {
    javafx.scene.paint.Color want = javafx.scene.paint.Color.web(color);
    return paint instanceof javafx.scene.paint.Color c && Math.abs(c.getRed() - want.getRed()) < 0.01
        && Math.abs(c.getGreen() - want.getGreen()) < 0.01 && Math.abs(c.getBlue() - want.getBlue()) < 0.01;
  }

  private static javafx.scene.control.MenuItem menuItem(TandemWindow w, String menu, String id) {
    return fx(() -> ((javafx.scene.control.MenuButton) w.scene().lookup(menu)).getItems().stream()
        .filter(i -> id.equals(i.getId())).findFirst().orElseThrow());
  }

  @Test
  @Order(10)
  void joinNoticeTypingHintAndShowAuthors() {
    java.util.List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.List<dev.tandem.app.viewmodel.Participant> rows = new java.util.concurrent.CopyOnWriteArrayList<>();
    Fx.run(() -> {
      var people = ana.room().viewModel().participants();
      people.noticeProperty().addListener((o, was, now) -> notices.add(now));
      people.participants().addListener((javafx.collections.ListChangeListener<dev.tandem.app.viewmodel.Participant>) c -> {
        while (c.next()) {
          rows.addAll(c.getAddedSubList());
        }
      });
    });
    boJoins(fx(() -> ana.room().viewModel().share().editLinkProperty().get()));
    until(() -> notices.contains("Bo joined"));
    String boId = clientId(bo);
    Fx.run(() -> {
      var area = bo.room().area();
      area.moveTo(area.getLength());
    });
    for (char ch : " Bo wrote this.".toCharArray()) {
      Fx.run(() -> bo.room().area().replaceSelection(String.valueOf(ch)));
    }
    until(() -> text(ana).endsWith("Bo wrote this."));
    // Bo's inserts carried his author: Ana's list showed him typing
    until(() -> rows.stream().anyMatch(p -> p.clientId().equals(boId) && p.typing()));
    Fx.drain();
    Shots.save(ana.scene().getRoot(), "09-typing-hint");

    // Show authors: off by default; on from the View menu; remembered
    assertThat(tintOf(ana, "wrote")).isNull();
    Fx.run(() -> ((javafx.scene.control.CheckMenuItem) ana.room().viewMenu().getItems().stream()
        .filter(i -> "show-authors".equals(i.getId())).findFirst().orElseThrow()).setSelected(true));
    Fx.drain();
    until(() -> sameHue(tintOf(ana, "wrote"), "#1e88e5"));
    // Ana types with key events (what a keyboard does) inside Bo's words: hers, not his
    Fx.run(() -> {
      var area = ana.room().area();
      area.requestFocus();
      area.moveTo(area.getText().indexOf("wrote"));
      for (char ch : "Ana+".toCharArray()) {
        area.fireEvent(new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_TYPED,
            String.valueOf(ch), String.valueOf(ch), javafx.scene.input.KeyCode.UNDEFINED, false, false, false, false));
      }
    });
    until(() -> text(bo).contains("Bo Ana+wrote"));
    until(() -> sameHue(tintOf(ana, "Ana+"), "#e91e63"));
    assertThat(fx(() -> ana.room().bridge().document().toString())).contains("Ana+");
    assertThat(new UserPreferences(anaPrefs).showAuthors()).isTrue();
    assertThat(new UserPreferences(boPrefs).showAuthors()).isFalse();
    assertThat(tintOf(bo, "wrote")).as("Bo did not turn it on").isNull();
    Fx.drain();
    Shots.save(ana.scene().getRoot(), "10-show-authors");
  }

  @Test
  @Order(11)
  void theOwnerRemovesAParticipant() {
    assertThat(fx(() -> ana.room().viewModel().share().ownerProperty().get())).isTrue();
    assertThat(fx(() -> bo.room().viewModel().share().ownerProperty().get())).isFalse();
    assertThat(fx(() -> menuItem(ana, "#share", "rotate-keys").isVisible())).isTrue();
    assertThat(fx(() -> menuItem(bo, "#share", "rotate-keys").isVisible())).isFalse();
    String boId = clientId(bo);
    // What the confirmation's OK does (the dialog itself would wait for a person).
    Fx.run(() -> {
      var people = ana.room().viewModel().participants().participants();
      ana.room().viewModel().share().remove(people.stream().filter(p -> p.clientId().equals(boId)).findFirst().orElseThrow());
    });
    until(() -> bo.room().viewModel().failedProperty().get());
    assertThat(fx(() -> bo.room().viewModel().errorProperty().get())).isEqualTo("The room's owner removed you from this room.");
    assertThat(fx(() -> bo.room().area().isEditable())).isFalse();
    until(() -> ana.room().viewModel().participants().participants().isEmpty());
    until(() -> ana.room().viewModel().participants().noticeProperty().get().equals("Bo was removed from the room"));
    // Bo is gone: his text turns neutral
    until(() -> sameHue(tintOf(ana, "wrote"), "#9e9e9e"));
    Fx.drain();
    Shots.save(ana.scene().getRoot(), "11-owner-removed-participant");
    Shots.save(bo.scene().getRoot(), "12-removed");
  }

  @Test
  @Order(12)
  void changingTheKeysEndsOldLinksAndShowsNewOnes() {
    String oldEdit = fx(() -> ana.room().viewModel().share().editLinkProperty().get());
    boJoins(oldEdit); // removal does not revoke a key
    Fx.run(() -> ana.room().viewModel().share().rotateKeys()); // what the confirmation's OK does
    until(() -> ana.room().viewModel().share().rotatedProperty().get() != null);
    var links = fx(() -> ana.room().viewModel().share().rotatedProperty().get());
    assertThat(links.editLink()).startsWith("tandem://127.0.0.1:").isNotEqualTo(oldEdit);
    assertThat(fx(() -> ana.room().viewModel().share().editLinkProperty().get())).isEqualTo(links.editLink());
    assertThat(fx(() -> ana.lookupVisible("#new-links"))).isTrue();
    assertThat(fx(() -> ((javafx.scene.control.TextField) ana.scene().lookup("#new-edit-link")).getText()))
        .isEqualTo(links.editLink());
    assertThat(fx(() -> ((javafx.scene.control.TextField) ana.scene().lookup("#new-view-link")).getText()))
        .isEqualTo(links.viewLink());
    // Bo joined with the old key: out, with a sentence
    until(() -> bo.room().viewModel().failedProperty().get());
    assertThat(fx(() -> bo.room().viewModel().errorProperty().get())).startsWith("The room's owner changed the keys");
    // the owner stays
    assertThat(fx(() -> ana.room().viewModel().stateProperty().get())).isEqualTo(SyncSession.State.OPEN);
    Fx.drain();
    Shots.save(ana.scene().getRoot(), "13-new-links");
    // the old link no longer opens the room; the new one does
    Fx.run(() -> {
      bo.showStart();
      bo.startViewModel().join(oldEdit);
    });
    until(() -> bo.room() != null && bo.room().viewModel().failedProperty().get());
    assertThat(fx(() -> bo.room().viewModel().errorProperty().get())).startsWith("The key in this link doesn't open this room.");
    boJoins(links.editLink());
    Fx.run(() -> bo.room().area().insertText(0, "new key! "));
    until(() -> text(ana).startsWith("new key! "));
    Fx.run(() -> ana.room().viewModel().share().rotatedProperty().set(null));
    assertThat(fx(() -> ana.lookupVisible("#new-links"))).isFalse();
  }
}
