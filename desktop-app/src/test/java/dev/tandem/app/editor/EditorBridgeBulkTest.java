package dev.tandem.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.app.testing.Fx;
import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Formats;
import org.junit.jupiter.api.Test;

/**
 * Changes that insert a lot at once (a room's first welcome of a large document, a big paste)
 * take the bulk path: the document is rebuilt as a whole. The result must be what the op-by-op
 * path gives: same document, same paragraph styles, the selection where OT puts it.
 */
class EditorBridgeBulkTest extends BridgeWindowTest {
  private static final Attributes H2 = Attributes.of(Formats.HEADER, 2L);
  private static final Attributes BOLD = Attributes.of(Formats.BOLD, true);


  /** About 300,000 characters in 10,000 paragraphs, every 100th a heading, with bold runs. */
  private static Delta bigPiece() {
    Delta.Builder b = Delta.builder();
    for (int i = 0; i < 10_000; i++) {
      b.insert("line " + i + " ", Attributes.EMPTY).insert("bold", BOLD).insert(" text to fill it up");
      b.insert("\n", i % 100 == 0 ? H2 : Attributes.EMPTY);
    }
    return b.build();
  }

  @Test
  void aLargeRemoteInsertIsTheSameAsOpByOp() {
    Fx.run(() -> bridge.load(Delta.builder().insert("ab").insert("\n", Attributes.of(Formats.LIST, "bullet")).build()));
    Fx.run(() -> area.selectRange(1, 2)); // "b"
    Delta piece = bigPiece();
    assertThat(piece.length()).isGreaterThan(256 * 1024);
    Delta change = Delta.builder().retain(1).addAll(piece).build();
    Fx.run(() -> bridge.applyRemote(change));
    Delta expected = Delta.builder().insert("a").addAll(piece).insert("b")
        .insert("\n", Attributes.of(Formats.LIST, "bullet")).build();
    assertThat(bridge.document()).isEqualTo(expected);
    assertThat(Fx.call(() -> area.getText())).isEqualTo(expected.plainText().substring(0, expected.length() - 1));
    assertThat(Fx.call(() -> area.getParagraphs().size())).isEqualTo(10_001);
    // "a" + the first piece line ends with a heading newline: that paragraph is a heading.
    assertThat(Fx.call(() -> area.getParagraph(0).getParagraphStyle())).isEqualTo(H2);
    assertThat(Fx.call(() -> area.getParagraph(100).getParagraphStyle())).isEqualTo(H2);
    assertThat(Fx.call(() -> area.getParagraph(101).getParagraphStyle())).isEqualTo(Attributes.EMPTY);
    // The last paragraph ("b") keeps the list it had.
    assertThat(Fx.call(() -> area.getParagraph(10_000).getParagraphStyle()))
        .isEqualTo(Attributes.of(Formats.LIST, "bullet"));
    int bold = Fx.call(() -> area.getText().indexOf("bold"));
    assertThat(Fx.call(() -> area.getStyleOfChar(bold + 1))).isEqualTo(BOLD);
    // Our selection moved with "b", as OT says; nothing was sent for a remote change.
    assertThat(Fx.call(() -> area.getSelection().getStart())).isEqualTo(1 + piece.length());
    assertThat(Fx.call(() -> area.getSelection().getEnd())).isEqualTo(2 + piece.length());
    assertThat(session.submitted).isEmpty();
  }

  @Test
  void aLargeLocalChangeIsSubmittedOnceAndShown() {
    Fx.run(() -> bridge.load(Delta.document("x\n")));
    Delta piece = bigPiece();
    Fx.run(() -> bridge.applyLocal(Delta.builder().retain(1).addAll(piece).build(), 1 + piece.length()));
    assertThat(session.submitted).hasSize(1);
    assertThat(session.last().length()).isEqualTo(1 + piece.length());
    assertThat(Fx.call(() -> area.getLength())).isEqualTo(1 + piece.length());
    assertThat(Fx.call(() -> area.getCaretPosition())).isEqualTo(1 + piece.length());
    // The area still reports later local edits as changes on the new document.
    Fx.run(() -> area.insertText(area.getLength(), "!"));
    assertThat(session.last()).isEqualTo(Delta.builder().retain(1 + piece.length())
        .insert("!", Attributes.of(Formats.AUTHOR, "me")).build());
  }
}
