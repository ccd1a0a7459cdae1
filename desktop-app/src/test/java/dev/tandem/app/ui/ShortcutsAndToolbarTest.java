package dev.tandem.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.app.testing.AnaAndBoInARoom;
import dev.tandem.app.testing.Fx;
import dev.tandem.app.view.TandemWindow;
import dev.tandem.ot.Attributes;
import dev.tandem.ot.Formats;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Window;
import org.fxmisc.richtext.StyledTextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The formatting shortcuts (as key events through the scene, as a keyboard delivers them) and every
 * toolbar button, in Ana's window; each result is checked in her document and in Bo's window. Undo
 * and redo by keyboard undo only Ana's own change. Two app windows, a real embedded room server,
 * real sessions, the Headless platform.
 */
class ShortcutsAndToolbarTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  /** Ctrl on Linux and Windows, Cmd on macOS: what the app's "Shortcut" means. */
  private static final boolean MAC = System.getProperty("os.name", "").startsWith("Mac");
  private AnaAndBoInARoom room;
  private TandemWindow ana;
  private TandemWindow bo;

  @BeforeEach
  void openTwoWindows() throws Exception {
    room = AnaAndBoInARoom.open("tandem-shortcuts", WAIT);
    ana = room.ana;
    bo = room.bo;
  }

  @AfterEach
  void closeAll() throws Exception {
    Fx.run(() -> {
      for (Window w : java.util.List.copyOf(Window.getWindows())) {
        if (w instanceof javafx.stage.Stage s && s != ana.stage() && s != bo.stage()) {
          s.close(); // a dialog a failed step left open
        }
      }
    });
    room.close();
  }

  private static void until(Callable<Boolean> condition) {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(30)).until(() -> Fx.call(condition));
  }

  private StyledTextArea<Attributes, Attributes> area(TandemWindow w) {
    return w.room().area();
  }

  /** A shortcut's key press and release at Ana's editor; {@code alt}/{@code shift} add those. FX thread. */
  private void shortcut(KeyCode code, boolean alt, boolean shift) {
    var area = area(ana);
    area.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, shift, !MAC, alt, MAC));
    area.fireEvent(new KeyEvent(KeyEvent.KEY_RELEASED, "", "", code, shift, !MAC, alt, MAC));
  }

  private void shortcut(KeyCode code) {
    shortcut(code, false, false);
  }

  /** Typed characters, as KEY_TYPED events at Ana's editor ('\n' as the Enter key). FX thread. */
  private void type(String text) {
    for (char ch : text.toCharArray()) {
      if (ch == '\n') {
        dev.tandem.app.testing.Keys.type(area(ana), KeyCode.ENTER, "");
        continue;
      }
      area(ana).fireEvent(new KeyEvent(KeyEvent.KEY_TYPED, String.valueOf(ch), String.valueOf(ch),
          KeyCode.UNDEFINED, false, false, false, false));
    }
  }

  private void button(String id) {
    ((ToggleButton) ana.scene().lookup(id)).fire();
  }

  private Attributes inlineAt(TandemWindow w, String piece, int offsetInPiece) {
    return Fx.call(() -> {
      int at = area(w).getText().indexOf(piece);
      return at < 0 ? Attributes.EMPTY : area(w).getStyleOfChar(at + offsetInPiece);
    });
  }

  /** The block attributes of the paragraph holding {@code piece}, without the author. */
  private Attributes blockOf(TandemWindow w, String piece) {
    return Fx.call(() -> {
      var area = area(w);
      int at = area.getText().indexOf(piece);
      return at < 0 ? null : area.getParagraph(area.offsetToPosition(at, org.fxmisc.richtext.model.TwoDimensional.Bias.Forward)
          .getMajor()).getParagraphStyle();
    });
  }

  private static boolean on(Attributes a, String key) {
    return Boolean.TRUE.equals(a.get(key));
  }

  private void bothShow(String piece, int offset, String key) {
    until(() -> on(inlineAt(bo, piece, offset), key));
    assertThat(on(inlineAt(ana, piece, offset), key)).as(key + " in Ana's window").isTrue();
    assertThat(Fx.call(() -> ana.room().bridge().document().toString())).contains(key);
  }

  private void select(String piece) {
    var area = area(ana);
    int at = area.getText().indexOf(piece);
    area.selectRange(at, at + piece.length());
  }

  private void caretIn(String piece) {
    var area = area(ana);
    area.moveTo(area.getText().indexOf(piece) + 1);
  }

  @Test
  void shortcutsFormatAndBoSeesIt() {
    Fx.run(() -> {
      area(ana).requestFocus();
      type("Bold italic under");
    });
    until(() -> area(bo).getText().equals("Bold italic under"));

    Fx.run(() -> {
      select("Bold");
      shortcut(KeyCode.B);
      select("italic");
      shortcut(KeyCode.I);
      select("under");
      shortcut(KeyCode.U);
    });
    bothShow("Bold", 1, Formats.BOLD);
    bothShow("italic", 1, Formats.ITALIC);
    bothShow("under", 1, Formats.UNDERLINE);
    assertThat(on(inlineAt(bo, "italic", 1), Formats.BOLD)).isFalse();

    // Ctrl+B with nothing selected: the text typed next is bold, the toolbar says so at once.
    Fx.run(() -> {
      area(ana).moveTo(area(ana).getLength());
      shortcut(KeyCode.B);
    });
    assertThat(Fx.call(() -> ana.room().toolbarState().bold.get())).isTrue();
    assertThat(Fx.call(() -> ((ToggleButton) ana.scene().lookup("#fmt-bold")).isSelected())).isTrue();
    Fx.run(() -> type(" loud"));
    until(() -> area(bo).getText().endsWith(" loud"));
    bothShow(" loud", 2, Formats.BOLD);
    assertThat(on(inlineAt(bo, "under", 2), Formats.BOLD)).isFalse();
    // ... until Ctrl+B again: then plain.
    Fx.run(() -> {
      shortcut(KeyCode.B);
      type(" quiet");
    });
    until(() -> area(bo).getText().endsWith(" quiet"));
    assertThat(inlineAt(bo, "quiet", 1).get(Formats.BOLD)).isNull();
    assertThat(inlineAt(bo, "loud", 1).get(Formats.BOLD)).isEqualTo(true);

    // Headings 1 to 3 with Ctrl+Alt+digit.
    Fx.run(() -> {
      caretIn("Bold");
      shortcut(KeyCode.DIGIT1, true, false);
    });
    until(() -> Integer.valueOf(1).equals(headerOf(bo, "Bold")));
    Fx.run(() -> shortcut(KeyCode.DIGIT2, true, false));
    until(() -> Integer.valueOf(2).equals(headerOf(bo, "Bold")));
    Fx.run(() -> shortcut(KeyCode.DIGIT3, true, false));
    until(() -> Integer.valueOf(3).equals(headerOf(bo, "Bold")));
    assertThat(Fx.call(() -> ana.room().toolbarState().header.get())).isEqualTo(3);
    assertThat(Fx.call(() -> ((ToggleButton) ana.scene().lookup("#fmt-h3")).isSelected())).isTrue();

    // Ctrl+K asks for the link of the selection.
    Fx.run(() -> select("italic"));
    Platform.runLater(() -> shortcut(KeyCode.K));
    answerLinkDialog("https://example.org/italic");
    until(() -> "https://example.org/italic".equals(inlineAt(bo, "italic", 2).get(Formats.LINK)));
    assertThat(inlineAt(ana, "italic", 2).get(Formats.LINK)).isEqualTo("https://example.org/italic");
  }

  private Integer headerOf(TandemWindow w, String piece) {
    Attributes block = blockOf(w, piece);
    return block != null && block.get(Formats.HEADER) instanceof Number n ? n.intValue() : null;
  }

  /** Waits for the link dialog, types {@code url} into it and presses OK. */
  private void answerLinkDialog(String url) {
    until(() -> linkDialog().isPresent());
    Fx.run(() -> {
      DialogPane pane = linkDialog().orElseThrow();
      ((TextField) pane.lookup(".text-field")).setText(url);
      ((Button) pane.lookupButton(ButtonType.OK)).fire();
    });
    until(() -> linkDialog().isEmpty());
  }

  private static Optional<DialogPane> linkDialog() {
    return Window.getWindows().stream()
        .filter(w -> w.isShowing() && w.getScene() != null && w.getScene().getRoot() instanceof DialogPane)
        .map(w -> (DialogPane) w.getScene().getRoot())
        .filter(p -> p.getHeaderText() != null && p.getHeaderText().startsWith("Link the selected text"))
        .findFirst();
  }

  @Test
  void everyToolbarButtonFormatsAndBoSeesIt() {
    Fx.run(() -> {
      area(ana).requestFocus();
      type("strike code link\nsecond\nthird\nfourth\nfifth");
    });
    until(() -> area(bo).getText().equals("strike code link\nsecond\nthird\nfourth\nfifth"));
    Fx.run(() -> {
      select("strike");
      button("#fmt-strike");
      select("code");
      button("#fmt-code");
    });
    bothShow("strike", 1, Formats.STRIKE);
    bothShow("code", 1, Formats.CODE);
    Fx.run(() -> select("link"));
    Platform.runLater(() -> button("#fmt-link"));
    answerLinkDialog("https://example.org/");
    until(() -> "https://example.org/".equals(inlineAt(bo, "link", 1).get(Formats.LINK)));
    assertThat(Fx.call(() -> ana.room().toolbarState().link.get())).isTrue();

    Fx.run(() -> {
      caretIn("strike");
      button("#fmt-h2");
      caretIn("second");
      button("#fmt-h3");
      caretIn("third");
      button("#fmt-ordered");
      caretIn("fourth");
      button("#fmt-quote");
      caretIn("fifth");
      button("#fmt-code-block");
    });
    until(() -> Integer.valueOf(2).equals(headerOf(bo, "strike")));
    until(() -> Integer.valueOf(3).equals(headerOf(bo, "second")));
    until(() -> "ordered".equals(blockOf(bo, "third").get(Formats.LIST)));
    until(() -> on(blockOf(bo, "fourth"), Formats.BLOCKQUOTE));
    until(() -> on(blockOf(bo, "fifth"), Formats.CODE_BLOCK));
    assertThat(Fx.call(() -> ana.room().toolbarState().codeBlock.get())).isTrue();
    Fx.run(() -> caretIn("third"));
    assertThat(Fx.call(() -> ((ToggleButton) ana.scene().lookup("#fmt-ordered")).isSelected())).isTrue();
    assertThat(Fx.call(() -> ((ToggleButton) ana.scene().lookup("#fmt-code-block")).isSelected())).isFalse();

    // The same button again turns the block format off.
    Fx.run(() -> button("#fmt-ordered"));
    until(() -> blockOf(bo, "third").get(Formats.LIST) == null);
  }

  @Test
  void undoAndRedoKeysTakeBackOnlyAnasOwnChange() {
    Fx.run(() -> {
      area(ana).requestFocus();
      type("one two");
    });
    until(() -> area(bo).getText().equals("one two"));
    Fx.run(() -> area(bo).insertText(area(bo).getLength(), " [bo]"));
    until(() -> area(ana).getText().equals("one two [bo]"));
    // Ana's last own change: "two" bold (a formatting change is an undo group of its own).
    Fx.run(() -> {
      select("two");
      shortcut(KeyCode.B);
    });
    bothShow("two", 1, Formats.BOLD);

    Fx.run(() -> shortcut(KeyCode.Z)); // undo
    until(() -> !on(inlineAt(bo, "two", 1), Formats.BOLD));
    until(() -> !on(inlineAt(ana, "two", 1), Formats.BOLD));
    Fx.run(() -> shortcut(KeyCode.Z, false, true)); // redo, Ctrl+Shift+Z
    until(() -> on(inlineAt(bo, "two", 1), Formats.BOLD));
    Fx.run(() -> shortcut(KeyCode.Z)); // undo again
    until(() -> !on(inlineAt(bo, "two", 1), Formats.BOLD));
    Fx.run(() -> shortcut(KeyCode.Y)); // redo, Ctrl+Y
    until(() -> on(inlineAt(bo, "two", 1), Formats.BOLD));
    until(() -> on(inlineAt(ana, "two", 1), Formats.BOLD));

    // Undo all of Ana's (her typing is one or more groups, depending on its pace): Bo's text stays.
    for (int i = 0; i < 20 && !Fx.call(() -> area(ana).getText()).equals(" [bo]"); i++) {
      var before = Fx.call(() -> ana.room().bridge().document());
      Fx.run(() -> shortcut(KeyCode.Z));
      until(() -> !ana.room().bridge().document().equals(before));
    }
    until(() -> area(bo).getText().equals(" [bo]"));
    until(() -> area(ana).getText().equals(" [bo]"));
  }
}
