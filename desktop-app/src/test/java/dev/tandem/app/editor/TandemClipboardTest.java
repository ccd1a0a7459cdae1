package dev.tandem.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.app.testing.BridgeWindow;
import dev.tandem.app.testing.Fx;
import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Formats;
import dev.tandem.protocol.DeltaJson;
import java.util.Map;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.Test;

/**
 * Copy and paste on a real area in a real (headless) window, through the JavaFX system clipboard
 * of the Headless platform, with key events as the keyboard sends them.
 */
class TandemClipboardTest extends BridgeWindowTest {
  private static final Attributes ME = Attributes.of(Formats.AUTHOR, "me");
  private static final Attributes BOLD = Attributes.of(Formats.BOLD, true);
  private static final Attributes H2 = Attributes.of(Formats.HEADER, 2L);

  @Override
  void beforeShowing(BridgeWindow w) {
    new TandemClipboard(w.area, w.bridge, TandemClipboard.Port.system()).install();
  }

  private void key(KeyCode code, boolean shortcut, boolean shift) {
    Fx.run(() -> area.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, shift, shortcut, false, false)));
  }

  private static Delta formattedDoc() {
    return Delta.builder().insert("Title").insert("\n", H2)
        .insert("plain ").insert("bold", BOLD).insert(" end\n").build();
  }

  @Test
  void theHeadlessSystemClipboardHoldsCustomFormats() {
    // The premise of the tests below: the Headless platform's clipboard is a working one.
    String got = Fx.call(() -> {
      ClipboardContent c = new ClipboardContent();
      c.put(TandemClipboard.DELTA, "{\"ops\":[]}");
      c.putString("s");
      Clipboard.getSystemClipboard().setContent(c);
      return (String) Clipboard.getSystemClipboard().getContent(TandemClipboard.DELTA);
    });
    assertThat(got).isEqualTo("{\"ops\":[]}");
  }

  @Test
  void copyPutsPlainTextHtmlAndTheDeltaSlice() {
    Fx.run(() -> bridge.load(formattedDoc()));
    Fx.run(() -> area.selectRange(2, 13)); // "tle\nplain b"
    key(KeyCode.C, true, false);
    Map<DataFormat, Object> clip = Fx.call(() -> Map.of(
        DataFormat.PLAIN_TEXT, Clipboard.getSystemClipboard().getString(),
        DataFormat.HTML, Clipboard.getSystemClipboard().getHtml(),
        TandemClipboard.DELTA, Clipboard.getSystemClipboard().getContent(TandemClipboard.DELTA)));
    assertThat(clip.get(DataFormat.PLAIN_TEXT)).isEqualTo("tle\nplain b");
    assertThat((String) clip.get(DataFormat.HTML)).contains("<h2>tle</h2>", "<strong>b</strong>");
    assertThat(DeltaJson.parse((String) clip.get(TandemClipboard.DELTA))).isEqualTo(Delta.builder()
        .insert("tle").insert("\n", H2).insert("plain ").insert("b", BOLD).build());
    assertThat(session.submitted).isEmpty(); // copying changes nothing
  }

  @Test
  void pastingATandemSliceInsertsItFormattedAsOneChange() {
    Fx.run(() -> bridge.load(formattedDoc()));
    Fx.run(() -> area.selectRange(2, 13));
    key(KeyCode.C, true, false);
    int end = Fx.call(() -> area.getLength());
    Fx.run(() -> area.moveTo(end)); // after " end"
    key(KeyCode.V, true, false);
    assertThat(session.submitted).hasSize(1);
    assertThat(session.last()).isEqualTo(Delta.builder().retain(end)
        .insert("tle", ME).insert("\n", H2.with(Formats.AUTHOR, "me"))
        .insert("plain ", ME).insert("b", BOLD.with(Formats.AUTHOR, "me")).build());
    Delta expected = Delta.builder().insert("Title").insert("\n", H2)
        .insert("plain ").insert("bold", BOLD).insert(" endtle").insert("\n", H2)
        .insert("plain ").insert("b", BOLD).insert("\n").build();
    assertThat(withoutAuthor(bridge.document())).isEqualTo(expected);
    // The area shows the same: the paragraph the slice's newline ends is a heading, the one the
    // paste ends in keeps its own (none), "b" is bold and ours (the area keeps authors for Show
    // authors), the caret after it.
    assertThat(Fx.call(() -> area.getParagraph(1).getParagraphStyle())).isEqualTo(H2);
    assertThat(Fx.call(() -> area.getParagraph(2).getParagraphStyle())).isEqualTo(Attributes.EMPTY);
    assertThat(Fx.call(() -> area.getStyleOfChar(area.getLength() - 1))).isEqualTo(BOLD.with(Formats.AUTHOR, "me"));
    assertThat(Fx.call(() -> area.getCaretPosition())).isEqualTo(Fx.call(() -> area.getLength()));
  }

  @Test
  void pastingFromElsewhereInsertsPlainTextOnly() {
    Fx.run(() -> bridge.load(formattedDoc()));
    Fx.run(() -> {
      ClipboardContent c = new ClipboardContent();
      c.putString("foreign\r\ntext");
      c.putHtml("<b style='color:red'>foreign</b><br><h1>text</h1>");
      Clipboard.getSystemClipboard().setContent(c);
      area.moveTo(0);
    });
    key(KeyCode.INSERT, false, true); // Shift+Insert
    assertThat(session.submitted).hasSize(1);
    // Inline formats of the text at the caret (none), the heading of the paragraph pasted into.
    assertThat(session.last()).isEqualTo(Delta.builder()
        .insert("foreign", ME).insert("\n", H2.with(Formats.AUTHOR, "me")).insert("text", ME).build());
    assertThat(Fx.call(() -> area.getText())).startsWith("foreign\ntextTitle\n");
  }

  @Test
  void aDamagedTandemEntryFallsBackToPlainText() {
    Fx.run(() -> bridge.load(Delta.document("x\n")));
    Fx.run(() -> {
      ClipboardContent c = new ClipboardContent();
      c.putString("safe");
      c.put(TandemClipboard.DELTA, "{\"ops\":[{\"retain\":5},{\"insert\":\"evil\",\"attributes\":{\"author\":\"x\"}}]}");
      Clipboard.getSystemClipboard().setContent(c);
      area.moveTo(1);
    });
    key(KeyCode.V, true, false);
    assertThat(Fx.call(() -> area.getText())).isEqualTo("xsafe");
  }

  @Test
  void pastedSlicesLoseUnknownAttributesAndForeignAuthors() {
    Fx.run(() -> bridge.load(Delta.document("x\n")));
    Fx.run(() -> {
      ClipboardContent c = new ClipboardContent();
      c.put(TandemClipboard.DELTA, DeltaJson.write(Delta.builder()
          .insert("a", Attributes.of(Formats.AUTHOR, "someone", "color", "red"))
          .insert("\n", Attributes.of(Formats.HEADER, 9L)).build()));
      Clipboard.getSystemClipboard().setContent(c);
      area.moveTo(0);
    });
    key(KeyCode.V, true, false);
    assertThat(session.last()).isEqualTo(Delta.builder().insert("a", ME).insert("\n", ME).build());
  }

  @Test
  void cutRemovesTheSelectionAsOneChangeAndReadOnlyPastesNothing() {
    Fx.run(() -> bridge.load(formattedDoc()));
    Fx.run(() -> area.selectRange(0, 6));
    key(KeyCode.X, true, false);
    assertThat(session.last()).isEqualTo(Delta.builder().delete(6).build());
    assertThat(Fx.call(() -> Clipboard.getSystemClipboard().getString())).isEqualTo("Title\n");
    int changes = session.submitted.size();
    Fx.run(() -> area.setEditable(false));
    key(KeyCode.V, true, false);
    key(KeyCode.X, true, false);
    assertThat(session.submitted).hasSize(changes);
  }

  @Test
  void replaceDocumentIsOneChangeToTheNewDocument() {
    Fx.run(() -> bridge.load(formattedDoc()));
    Delta file = Delta.builder().insert("New").insert("\n", Attributes.of(Formats.LIST, "bullet"))
        .insert("doc").insert("\n", H2).build();
    Fx.run(() -> bridge.replaceDocument(file));
    assertThat(session.submitted).hasSize(1);
    assertThat(withoutAuthor(formattedDoc().compose(session.last()))).isEqualTo(file);
    assertThat(withoutAuthor(bridge.document())).isEqualTo(file);
    assertThat(Fx.call(() -> area.getText())).isEqualTo("New\ndoc");
    assertThat(Fx.call(() -> area.getParagraph(1).getParagraphStyle())).isEqualTo(H2);
    assertThat(Fx.call(() -> area.getParagraph(0).getParagraphStyle())).isEqualTo(Attributes.of(Formats.LIST, "bullet"));
  }

  private static Delta withoutAuthor(Delta d) {
    Delta.Builder b = Delta.builder();
    d.forEach(op -> b.insert(((dev.tandem.ot.Op.Insert) op).text(),
        ((dev.tandem.ot.Op.Insert) op).attributes().without(Formats.AUTHOR)));
    return b.build();
  }
}
