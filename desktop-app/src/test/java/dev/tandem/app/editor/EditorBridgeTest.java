package dev.tandem.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.app.testing.Fx;
import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Formats;
import org.junit.jupiter.api.Test;

/** The bridge on a real area in a real (headless) window. */
class EditorBridgeTest extends BridgeWindowTest {
  private static final Attributes ME = Attributes.of(Formats.AUTHOR, "me");
  private static final Attributes BOLD = Attributes.of(Formats.BOLD, true);
  private static final Attributes H1 = Attributes.of(Formats.HEADER, 1);


  private void load(Delta doc) {
    Fx.run(() -> bridge.load(doc));
  }

  private static Delta doc(String text) {
    return Delta.document(text);
  }

  @Test
  void typingProducesAnInsertStampedWithOurAuthor() {
    load(doc("ab\n"));
    Fx.run(() -> area.insertText(1, "XY"));
    assertThat(session.last()).isEqualTo(Delta.builder().retain(1).insert("XY", ME).build());
    assertThat(bridge.document().plainText()).isEqualTo("aXYb\n");
  }

  @Test
  void textInsertedBesideSomeoneElsesTakesOurAuthorInTheAreaToo() {
    Attributes bo = Attributes.of(Formats.AUTHOR, "bo").with(Formats.BOLD, true);
    load(Delta.builder().insert("abc", bo).insert("\n").build());
    Fx.run(() -> area.insertText(2, "XY")); // the area copies the style of "b": Bo's, bold
    assertThat(session.submitted).hasSize(1);
    assertThat(session.last()).isEqualTo(Delta.builder().retain(2).insert("XY", BOLD.with(Formats.AUTHOR, "me")).build());
    assertThat(Fx.call(() -> area.getStyleOfChar(3))).isEqualTo(BOLD.with(Formats.AUTHOR, "me"));
    assertThat(Fx.call(() -> area.getStyleOfChar(1))).isEqualTo(bo);
    assertThat(bridge.document()).isEqualTo(Delta.builder().insert("ab", bo)
        .insert("XY", BOLD.with(Formats.AUTHOR, "me")).insert("c", bo).insert("\n").build());
  }

  @Test
  void deletingAcrossParagraphsProducesOneDelete() {
    load(doc("one\ntwo\nthree\n"));
    Fx.run(() -> area.deleteText(2, 6));
    assertThat(session.last()).isEqualTo(Delta.builder().retain(2).delete(4).build());
    assertThat(Fx.call(() -> area.getText())).isEqualTo("ono\nthree");
  }

  @Test
  void enterInsertsANewlineThatKeepsTheParagraphStyle() {
    load(Delta.builder().insert("Title").insert("\n", H1).insert("x\n").build());
    Fx.run(() -> {
      area.moveTo(2);
      area.replaceSelection("\n");
    });
    Delta docNow = bridge.document();
    assertThat(docNow.plainText()).isEqualTo("Ti\ntle\nx\n");
    // The paragraph that was split keeps its heading on both halves, as in Quill.
    assertThat(docNow).isEqualTo(Delta.builder().insert("Ti").insert("\n", H1.with(Formats.AUTHOR, "me"))
        .insert("tle").insert("\n", H1).insert("x\n").build());
  }

  @Test
  void boldOnARangeIsARetainWithAttributes() {
    load(doc("hello world\n"));
    Fx.run(() -> area.setStyle(0, 5, BOLD));
    assertThat(session.last()).isEqualTo(Delta.builder().retain(5, BOLD).build());
    Fx.run(() -> area.setStyle(0, 5, Attributes.EMPTY));
    assertThat(session.last()).isEqualTo(Delta.builder().retain(5, Attributes.of(Formats.BOLD, null)).build());
  }

  @Test
  void headingIsARetainOnTheParagraphsNewline() {
    load(doc("one\ntwo\n"));
    Fx.run(() -> area.setParagraphStyle(1, H1));
    assertThat(session.last()).isEqualTo(Delta.builder().retain(7).retain(1, H1).build());
    Fx.run(() -> area.setParagraphStyle(0, Attributes.of(Formats.LIST, "bullet")));
    assertThat(session.last()).isEqualTo(Delta.builder().retain(3).retain(1, Attributes.of(Formats.LIST, "bullet")).build());
  }

  @Test
  void remoteInsertBeforeTheCaretShiftsItAndAfterLeavesIt() {
    load(doc("hello\n"));
    Fx.run(() -> area.moveTo(3));
    Fx.run(() -> bridge.applyRemote(Delta.builder().insert("AB").build()));
    assertThat(Fx.call(() -> area.getCaretPosition())).isEqualTo(5);
    Fx.run(() -> bridge.applyRemote(Delta.builder().retain(6).insert("ZZ").build()));
    assertThat(Fx.call(() -> area.getCaretPosition())).isEqualTo(5);
    assertThat(Fx.call(() -> area.getText())).isEqualTo("ABhellZZo");
    assertThat(session.submitted).isEmpty();
  }

  @Test
  void remoteChangesKeepTheLocalSelection() {
    load(doc("abcdef\n"));
    Fx.run(() -> area.selectRange(2, 4));
    Fx.run(() -> bridge.applyRemote(Delta.builder().retain(1).delete(1).retain(4).insert("!").build()));
    assertThat(Fx.call(() -> area.getSelection())).hasToString("1, 3");
    assertThat(Fx.call(() -> area.getText())).isEqualTo("acdef!");
  }

  @Test
  void remoteFormattingAndBlockAttributesReachTheArea() {
    load(doc("one\ntwo\n"));
    Fx.run(() -> bridge.applyRemote(Delta.builder().retain(1).retain(2, BOLD).retain(1, H1).retain(3)
        .retain(1, Attributes.of(Formats.LIST, "ordered")).build()));
    Fx.run(() -> {
      assertThat(area.getStyleOfChar(0, 2)).isEqualTo(BOLD);
      assertThat(area.getStyleOfChar(0, 0)).isEqualTo(Attributes.EMPTY);
      assertThat(area.getParagraph(0).getParagraphStyle()).isEqualTo(H1);
      assertThat(area.getParagraph(1).getParagraphStyle()).isEqualTo(Attributes.of(Formats.LIST, "ordered"));
    });
    assertThat(session.submitted).isEmpty();
  }

  @Test
  void remoteInsertOfParagraphsCarriesTheirStyles() {
    load(doc("end\n"));
    Fx.run(() -> area.moveTo(3));
    Delta remote = Delta.builder().insert("Head", Attributes.of(Formats.AUTHOR, "bo")).insert("\n", H1)
        .insert("item").insert("\n", Attributes.of(Formats.LIST, "bullet")).build();
    Fx.run(() -> bridge.applyRemote(remote));
    Fx.run(() -> {
      assertThat(area.getText()).isEqualTo("Head\nitem\nend");
      assertThat(area.getParagraph(0).getParagraphStyle()).isEqualTo(H1);
      assertThat(area.getParagraph(1).getParagraphStyle()).isEqualTo(Attributes.of(Formats.LIST, "bullet"));
      assertThat(area.getParagraph(2).getParagraphStyle()).isEqualTo(Attributes.EMPTY);
      assertThat(area.getCaretPosition()).isEqualTo(13);
    });
    // A local edit after that diffs cleanly (author is ignored, the shadow matches the area).
    Fx.run(() -> area.insertText(13, "!"));
    assertThat(session.last()).isEqualTo(Delta.builder().retain(13).insert("!", ME).build());
  }

  @Test
  void remoteDeleteOfANewlineMergesParagraphsWithTheRightStyle() {
    load(Delta.builder().insert("a").insert("\n", H1).insert("b").insert("\n", Attributes.of(Formats.BLOCKQUOTE, true)).build());
    Fx.run(() -> bridge.applyRemote(Delta.builder().retain(1).delete(1).build()));
    Fx.run(() -> {
      assertThat(area.getText()).isEqualTo("ab");
      assertThat(area.getParagraph(0).getParagraphStyle()).isEqualTo(Attributes.of(Formats.BLOCKQUOTE, true));
    });
  }

  @Test
  void undoAppliesTheSessionsInverseAndIsNotResubmitted() {
    load(doc("x\n"));
    Fx.run(() -> area.insertText(1, "abc"));
    Fx.run(() -> area.undo());
    assertThat(session.undos).isEqualTo(1);
    // The session answers with the inverse through onChange(UNDO).
    Fx.run(() -> bridge.applyChange(Delta.builder().retain(1).delete(3).build(), dev.tandem.sync.ChangeOrigin.UNDO));
    assertThat(Fx.call(() -> area.getText())).isEqualTo("x");
    assertThat(session.submitted).hasSize(1);
    assertThat(bridge.document()).isEqualTo(doc("x\n"));
  }

  @Test
  void restoreOfAWholeDocumentLeavesNoExtraParagraph() {
    // How the session delivers the room's document on join: insert it all, delete the old "\n".
    Delta restore = Delta.builder().insert("a").insert("\n", H1).insert("b")
        .insert("\n", Attributes.of(Formats.LIST, "bullet")).delete(1).build();
    Fx.run(() -> bridge.applyChange(restore, dev.tandem.sync.ChangeOrigin.RESTORE));
    Fx.run(() -> {
      assertThat(area.getText()).isEqualTo("a\nb");
      assertThat(area.getParagraphs()).hasSize(2);
      assertThat(area.getParagraph(0).getParagraphStyle()).isEqualTo(H1);
      assertThat(area.getParagraph(1).getParagraphStyle()).isEqualTo(Attributes.of(Formats.LIST, "bullet"));
    });
    assertThat(bridge.document().plainText()).isEqualTo("a\nb\n");
    // The shadow still matches the area: a local edit at the end diffs to a plain insert.
    Fx.run(() -> area.insertText(3, "!"));
    assertThat(session.last()).isEqualTo(Delta.builder().retain(3).insert("!", ME).build());
  }

  @Test
  void restoreOverANonEmptyDocument() {
    load(doc("old\ntext\n"));
    Fx.run(() -> bridge.applyChange(Delta.builder().insert("new\n").delete(9).build(),
        dev.tandem.sync.ChangeOrigin.RESTORE));
    assertThat(Fx.call(() -> area.getText())).isEqualTo("new");
    assertThat(bridge.document().plainText()).isEqualTo("new\n");
  }

  @Test
  void remoteDeleteOfTheFinalNewlineThenInsertAfterIt() {
    load(doc("ab\n"));
    Fx.run(() -> bridge.applyRemote(Delta.builder().retain(2).delete(1).insert("\nc\n").build()));
    assertThat(Fx.call(() -> area.getText())).isEqualTo("ab\nc");
    Fx.run(() -> bridge.applyRemote(Delta.builder().retain(2).insert("X\n").delete(3).build()));
    assertThat(Fx.call(() -> area.getText())).isEqualTo("abX");
    assertThat(bridge.document().plainText()).isEqualTo("abX\n");
  }

  @Test
  void caretMovesAreSentAsPresence() {
    load(doc("hello\n"));
    Fx.run(() -> area.selectRange(1, 4));
    assertThat(session.selections.getLast()).containsExactly(new dev.tandem.protocol.Values.Range(1, 4));
  }
}
