package dev.tandem.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.app.files.DocumentFormat;
import dev.tandem.app.host.LocalHost;
import dev.tandem.app.session.SessionConnector;
import dev.tandem.app.testing.Fx;
import dev.tandem.app.testing.LoopbackHost;
import dev.tandem.app.testing.SideBySide;
import dev.tandem.app.testing.Shots;
import dev.tandem.app.view.FileDialogs;
import dev.tandem.app.view.TandemWindow;
import dev.tandem.ot.Attributes;
import dev.tandem.ot.Formats;
import dev.tandem.sync.SyncSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.prefs.Preferences;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxToolkit;

/**
 * File open/export and copy/paste in two real app windows (Ana hosting, Bo joined) over a real
 * embedded room server, on the JavaFX Headless platform. The file dialogs answer with files in a
 * temporary folder (the Headless platform has no native chooser); everything else is the app's
 * own path: menu items, the File view-model on a background executor, the bridge, the session.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FilesAndClipboardTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static LoopbackHost rooms;
  private static Path data;
  private static LocalHost host;
  private static ExecutorService background;
  private static TandemWindow ana;
  private static TandemWindow bo;
  private static Preferences prefsRoot;
  private static final Answers answers = new Answers();

  /** The dialogs' answers, set by each step; records the replace questions asked. */
  static final class Answers implements FileDialogs {
    volatile Path open;
    volatile Path export;
    final List<String> replaceQuestions = new ArrayList<>();

    @Override
    public Optional<Path> chooseFileToOpen(Window owner) {
      return Optional.ofNullable(open);
    }

    @Override
    public Optional<Path> chooseExportTarget(Window owner, DocumentFormat format, String suggestedName) {
      return Optional.ofNullable(export);
    }

    @Override
    public boolean confirmReplace(Window owner, String fileName) {
      replaceQuestions.add(fileName);
      return true;
    }
  }

  @BeforeAll
  static void openTwoWindows() throws Exception {
    FxToolkit.registerPrimaryStage();
    Fx.start();
    rooms = new LoopbackHost("tandem-files-ui");
    data = rooms.data();
    host = rooms.host();
    background = rooms.background();
    SessionConnector connector = LoopbackHost.connector(b -> b.backoff(Duration.ofMillis(100), Duration.ofMillis(400), 0.1));
    prefsRoot = Preferences.userRoot().node("dev/tandem/test/" + UUID.randomUUID());
    TandemWindow[] windows = SideBySide.open(SideBySide.person(prefsRoot.node("ana"), "Ana", "#e91e63"),
        SideBySide.person(prefsRoot.node("bo"), "Bo", "#1e88e5"), host, connector, background,
        w -> w.setFileDialogs(answers));
    ana = windows[0];
    bo = windows[1];
    SideBySide.hostAndJoin(ana, bo, WAIT);
  }

  @AfterAll
  static void closeAll() throws Exception {
    SideBySide.close(ana, bo);
    rooms.close();
    prefsRoot.removeNode();
  }

  private static void until(Callable<Boolean> condition) {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(30)).until(() -> Fx.call(condition));
  }

  private static String text(TandemWindow w) {
    return Fx.call(() -> w.room().area().getText());
  }

  private static void key(TandemWindow w, KeyCode code) {
    Fx.run(() -> w.room().area().fireEvent(
        new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, false, true, false, false)));
  }

  private static MenuItem item(TandemWindow w, String id) {
    return Fx.call(() -> {
      Menu file = w.fileMenu().menuBar().getMenus().getFirst();
      for (MenuItem i : file.getItems()) {
        if (id.equals(i.getId())) {
          return i;
        }
        if (i instanceof Menu sub) {
          for (MenuItem j : sub.getItems()) {
            if (id.equals(j.getId())) {
              return j;
            }
          }
        }
      }
      throw new AssertionError("no menu item " + id);
    });
  }

  @Test
  @Order(1)
  void copyInOneWindowPastesFormattedInTheOther() {
    Fx.run(() -> {
      var area = ana.room().area();
      area.insertText(0, "Bold words here");
      area.setStyle(0, 4, Attributes.of(Formats.BOLD, true));
    });
    until(() -> text(bo).equals("Bold words here"));
    Fx.run(() -> ana.room().area().selectRange(0, 10)); // "Bold words"
    key(ana, KeyCode.C);
    Fx.run(() -> bo.room().area().moveTo(bo.room().area().getLength()));
    key(bo, KeyCode.V);
    until(() -> text(ana).equals("Bold words hereBold words"));
    // The pasted "Bold" is bold in both windows: the format travelled through the clipboard and the room.
    for (TandemWindow w : new TandemWindow[] {ana, bo}) {
      assertThat(Fx.call(() -> w.room().area().getStyleOfChar(17).get(Formats.BOLD))).isEqualTo(true);
      assertThat(Fx.call(() -> w.room().area().getStyleOfChar(22).get(Formats.BOLD))).isNull();
    }
  }

  @Test
  @Order(2)
  void theFileMenuOpensAMarkdownFileIntoTheRoom() throws Exception {
    Path md = Files.writeString(data.resolve("notes.md"), """
        # Meeting notes

        We agreed on **three** things:

        1. Ship *Friday*
        2. Write ~~less~~ more tests

        > Quote of the day

        ```
        tandem --help
        ```
        """);
    answers.open = md;
    Fx.run(() -> ((Menu) ana.fileMenu().menuBar().getMenus().getFirst()).show());
    Fx.drain();
    Shots.saveWithPopups(ana.scene(), "09-file-menu");
    Fx.run(() -> ana.fileMenu().menuBar().getMenus().getFirst().hide());
    Fx.run(() -> item(ana, "file-open").fire());
    until(() -> text(bo).startsWith("Meeting notes\nWe agreed"));
    assertThat(answers.replaceQuestions).containsExactly("notes.md");
    var area = bo.room().area();
    assertThat(Fx.call(() -> area.getParagraph(0).getParagraphStyle().get(Formats.HEADER))).isEqualTo(1L);
    assertThat(Fx.call(() -> area.getParagraph(2).getParagraphStyle().get(Formats.LIST))).isEqualTo("ordered");
    assertThat(Fx.call(() -> area.getParagraph(4).getParagraphStyle().get(Formats.BLOCKQUOTE))).isEqualTo(true);
    assertThat(Fx.call(() -> area.getParagraph(5).getParagraphStyle().get(Formats.CODE_BLOCK))).isEqualTo(true);
    int three = text(bo).indexOf("three");
    assertThat(Fx.call(() -> area.getStyleOfChar(three + 1).get(Formats.BOLD))).isEqualTo(true);
    until(() -> "Opened notes.md.".equals(ana.fileMenu().viewModel().messageProperty().get()));
    assertThat(text(ana)).isEqualTo(text(bo));
    Shots.save(ana.scene().getRoot(), "10-file-opened");
  }

  @Test
  @Order(3)
  void exportWritesEachFormat() throws Exception {
    for (DocumentFormat f : DocumentFormat.values()) {
      Path out = data.resolve("export-" + f.extension());
      answers.export = out;
      Fx.run(() -> item(bo, "export-" + f.extension()).fire());
      Path written = out.resolveSibling(out.getFileName() + "." + f.extension());
      until(() -> Files.exists(written) && !bo.fileMenu().viewModel().busyProperty().get());
      assertThat(bo.fileMenu().viewModel().messageIsErrorProperty().get()).isFalse();
      String content = Files.readString(written);
      switch (f) {
        case TEXT -> assertThat(content).isEqualTo(text(bo) + "\n");
        case MARKDOWN -> assertThat(content).startsWith("# Meeting notes\n\nWe agreed on **three** things:\n")
            .contains("1. Ship *Friday*\n2. Write ~~less~~ more tests\n", "> Quote of the day\n", "```\ntandem --help\n```\n");
        case HTML -> assertThat(content).contains("<h1>Meeting notes</h1>", "<ol>\n<li>Ship <em>Friday</em></li>",
            "<blockquote>", "<pre><code>tandem --help\n</code></pre>");
      }
    }
  }

  @Test
  @Order(4)
  void aFileThatCannotBeOpenedIsAMessageAndTheDocumentStays() throws Exception {
    String before = text(ana);
    answers.open = Files.write(data.resolve("photo.html"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0});
    Fx.run(() -> item(ana, "file-open").fire());
    until(() -> ana.fileMenu().viewModel().messageIsErrorProperty().get()
        && !ana.fileMenu().viewModel().messageProperty().get().isEmpty());
    assertThat(Fx.call(() -> ana.fileMenu().viewModel().messageProperty().get()))
        .contains("\"photo.html\" doesn't look like a text file");
    assertThat(text(ana)).isEqualTo(before);
    assertThat(Fx.call(() -> ana.lookupVisible("#file-strip"))).isTrue();
    Shots.save(ana.scene().getRoot(), "11-file-error");
    // The question asked before replacing a document, as people see it.
    Fx.run(() -> {
      var alert = FileDialogs.replaceQuestion("notes.md");
      alert.initOwner(ana.stage());
      alert.show();
      Shots.save(alert.getDialogPane(), "12-replace-question");
      alert.close();
    });
  }

  @Test
  @Order(5)
  void theStartScreenOpensAFileIntoANewRoom() throws Exception {
    Path html = Files.writeString(data.resolve("page.html"),
        "<html><head><title>x</title><script>alert(1)</script></head><body><h2>From the web</h2>"
            + "<p>Some <b>bold</b> and <a href='https://example.com'>a link</a>.<ul><li>one<li>two</ul></body></html>");
    Fx.run(() -> bo.showStart());
    Shots.save(bo.scene().getRoot(), "13-start-open-file");
    answers.open = html;
    Fx.run(() -> ((Button) bo.scene().lookup("#open-file-new-room")).fire());
    until(() -> bo.room() != null && bo.room().viewModel().stateProperty().get() == SyncSession.State.OPEN
        && text(bo).equals("From the web\nSome bold and a link.\none\ntwo"));
    var area = bo.room().area();
    assertThat(Fx.call(() -> area.getParagraph(0).getParagraphStyle().get(Formats.HEADER))).isEqualTo(2L);
    int link = text(bo).indexOf("a link") + 1;
    assertThat(Fx.call(() -> area.getStyleOfChar(link).get(Formats.LINK))).isEqualTo("https://example.com");
    assertThat(Fx.call(() -> area.getParagraph(3).getParagraphStyle().get(Formats.LIST))).isEqualTo("bullet");
    assertThat(Fx.call(() -> bo.room().viewModel().request().hosted())).isTrue();
    // It is a real room: Bo's edits go to it.
    Fx.run(() -> area.insertText(area.getLength(), "!"));
    until(() -> bo.room().viewModel().pendingEditsProperty().get() == 0 && text(bo).endsWith("two!"));
  }

  @Test
  @Order(6)
  void progressShowsWhileAFileIsRead() throws Exception {
    // A File menu whose background work waits in a queue, so the busy state can be looked at.
    java.util.List<Runnable> queued = new java.util.ArrayList<>();
    var vm = new dev.tandem.app.viewmodel.FileViewModel(new dev.tandem.app.files.DocumentFiles(1_000_000),
        queued::add, dev.tandem.app.fx.FxThread.executor(), 1 << 20);
    Path file = Files.writeString(data.resolve("chapter.md"), "# Chapter\n");
    javafx.scene.Node[] strip = new javafx.scene.Node[1];
    Fx.run(() -> {
      vm.attach(new dev.tandem.app.viewmodel.FileViewModel.DocumentPort() {
        @Override
        public dev.tandem.ot.Delta document() {
          return dev.tandem.ot.Delta.document("\n");
        }

        @Override
        public void replaceDocument(dev.tandem.ot.Delta document) {}
      });
      var menu = new dev.tandem.app.view.FileMenu(vm, answers, new javafx.beans.property.SimpleBooleanProperty(false),
          () -> true, () -> null);
      var pane = new javafx.scene.layout.VBox(menu.node());
      pane.setPrefWidth(700);
      Stage s = new Stage();
      s.setScene(new javafx.scene.Scene(pane));
      s.getScene().getStylesheets().addAll(ana.scene().getStylesheets());
      s.show();
      strip[0] = pane;
      vm.open(file);
      vm.progressProperty().set(0.4); // as the reader reports it part-way
    });
    Fx.drain();
    assertThat(Fx.call(() -> strip[0].lookup("#file-progress").isVisible())).isTrue();
    assertThat(Fx.call(() -> ((javafx.scene.control.Label) strip[0].lookup("#file-status")).getText()))
        .isEqualTo("Opening chapter.md…");
    Shots.save(strip[0], "14-file-progress");
    queued.forEach(Runnable::run);
    until(() -> !vm.busyProperty().get());
    assertThat(Fx.call(() -> ((javafx.scene.control.Label) strip[0].lookup("#file-status")).getText()))
        .isEqualTo("Opened chapter.md.");
    Fx.run(() -> strip[0].getScene().getWindow().hide());
  }

  /**
   * Open a file into a new room from the start screen, as the host: the host's session starts from
   * the document it read (it is not sent back in the welcome), the area gets it through the prepared
   * bulk load, and a guest who joins sees exactly the same document and the host's edits.
   */
  @Test
  @Order(7)
  void aLargeFileOpenedIntoANewRoomIsTheSameForTheHostAndAGuest() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 4_000; i++) {
      text.append("Line ").append(i).append(" of a file large enough for the bulk load, padded out to eighty.\n");
    }
    Path file = Files.writeString(data.resolve("large.txt"), text);
    Fx.run(() -> ana.showStart());
    Fx.run(() -> ana.startViewModel().openFileIntoNewRoom(file));
    until(() -> ana.room() != null && ana.room().area().getLength() == text.length() - 1
        && ana.room().area().isEditable());
    assertThat(text(ana)).isEqualTo(text.substring(0, text.length() - 1));
    until(() -> ana.room().viewModel().stateProperty().get() == SyncSession.State.OPEN);
    Fx.run(() -> ana.room().area().insertText(0, "Edited. "));
    until(() -> ana.room().viewModel().pendingEditsProperty().get() == 0);

    String link = Fx.call(() -> ana.room().viewModel().request().editLink());
    Fx.run(() -> bo.startViewModel().join(link));
    until(() -> bo.room() != null && bo.room().viewModel().stateProperty().get() == SyncSession.State.OPEN
        && bo.room().area().getLength() == text.length() - 1 + "Edited. ".length());
    assertThat(text(bo)).isEqualTo(text(ana)).startsWith("Edited. Line 0 of a file");
    assertThat(Fx.call(() -> bo.room().bridge().document())).isEqualTo(Fx.call(() -> ana.room().bridge().document()));
    assertThat(Fx.call(() -> ana.room().viewModel().errorProperty().get())).isEmpty();
  }
}
