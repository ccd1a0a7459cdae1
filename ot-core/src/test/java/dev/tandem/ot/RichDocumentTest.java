package dev.tandem.ot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RichDocumentTest {
  private static final Attributes BOLD = Attributes.of("bold", true);
  private static final Attributes ITALIC = Attributes.of("italic", true);
  private static final Attributes H1 = Attributes.of("header", 1);

  private static Delta sample() {
    return Delta.builder()
        .insert("Title").insert("\n", H1)
        .insert("plain ").insert("bold", BOLD).insert(" end")
        .insert("\n")
        .build();
  }

  @Test
  void emptyDocument() {
    RichDocument doc = RichDocument.empty();
    assertThat(doc.length()).isZero();
    assertThat(doc.text()).isEmpty();
    assertThat(doc.toDelta()).isEqualTo(Delta.EMPTY);
    assertThat(doc.paragraphCount()).isEqualTo(1);
    assertThat(doc.paragraphStart(0)).isZero();
    assertThat(doc.paragraphOf(0)).isZero();
    assertThat(doc.paragraphAttributes(0)).isEqualTo(Attributes.EMPTY);
  }

  @Test
  void ofRoundTripsThroughToDelta() {
    assertThat(RichDocument.of(sample()).toDelta()).isEqualTo(sample());
    assertThat(RichDocument.of(sample(), 4, 3).toDelta()).isEqualTo(sample());
  }

  @Test
  void ofRejectsNonDocuments() {
    Delta change = Delta.builder().retain(2).insert("x").build();
    assertThatThrownBy(() -> RichDocument.of(change)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void textAndCharAt() {
    RichDocument doc = RichDocument.of(sample(), 4, 3);
    String expected = sample().plainText();
    assertThat(doc.text()).isEqualTo(expected);
    assertThat(doc.length()).isEqualTo(expected.length());
    assertThat(doc.text(3, 12)).isEqualTo(expected.substring(3, 12));
    for (int i = 0; i < expected.length(); i++) {
      assertThat(doc.charAt(i)).isEqualTo(expected.charAt(i));
    }
    assertThatThrownBy(() -> doc.charAt(expected.length())).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> doc.text(5, 3)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void attributesAt() {
    RichDocument doc = RichDocument.of(sample(), 4, 3);
    assertThat(doc.attributesAt(0)).isEqualTo(Attributes.EMPTY);
    assertThat(doc.attributesAt(5)).isEqualTo(H1);
    assertThat(doc.attributesAt(12)).isEqualTo(BOLD);
    assertThat(doc.attributesAt(16)).isEqualTo(Attributes.EMPTY);
  }

  @Test
  void paragraphs() {
    RichDocument doc = RichDocument.of(sample(), 4, 3);
    // "Title\n" | "plain bold end\n" | ""
    assertThat(doc.paragraphCount()).isEqualTo(3);
    assertThat(doc.paragraphStart(0)).isEqualTo(0);
    assertThat(doc.paragraphStart(1)).isEqualTo(6);
    assertThat(doc.paragraphStart(2)).isEqualTo(21);
    assertThat(doc.paragraphOf(0)).isEqualTo(0);
    assertThat(doc.paragraphOf(5)).isEqualTo(0);
    assertThat(doc.paragraphOf(6)).isEqualTo(1);
    assertThat(doc.paragraphOf(21)).isEqualTo(2);
    assertThat(doc.paragraphAttributes(0)).isEqualTo(H1);
    assertThat(doc.paragraphAttributes(1)).isEqualTo(Attributes.EMPTY);
    assertThat(doc.paragraphAttributes(2)).isEqualTo(Attributes.EMPTY);
    assertThatThrownBy(() -> doc.paragraphStart(3)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void lastParagraphWithoutNewline() {
    RichDocument doc = RichDocument.of(Delta.builder().insert("a\n", H1).insert("tail", BOLD).build());
    assertThat(doc.paragraphCount()).isEqualTo(2);
    assertThat(doc.paragraphStart(1)).isEqualTo(2);
    assertThat(doc.paragraphOf(5)).isEqualTo(1);
    assertThat(doc.paragraphAttributes(0)).isEqualTo(H1);
    assertThat(doc.paragraphAttributes(1)).isEqualTo(Attributes.EMPTY);
  }

  @Test
  void slice() {
    RichDocument doc = RichDocument.of(sample(), 4, 3);
    for (int start = 0; start <= doc.length(); start++) {
      for (int end = start; end <= doc.length(); end++) {
        assertThat(doc.slice(start, end)).as("[%d, %d)", start, end).isEqualTo(sample().slice(start, end));
      }
    }
  }

  @Test
  void applyInsertRetainDelete() {
    Delta change = Delta.builder()
        .retain(6).insert("new ", ITALIC).retain(6, BOLD).delete(4).retain(4, Attributes.of("bold", null))
        .build();
    RichDocument doc = RichDocument.of(sample(), 4, 3);
    doc.apply(change);
    assertThat(doc.toDelta()).isEqualTo(sample().apply(change));
    doc.checkInvariants();
  }

  @Test
  void applyRemovesAttributesWithNull() {
    RichDocument doc = RichDocument.of(Delta.builder().insert("abc", BOLD.with("italic", true)).build());
    doc.apply(Delta.builder().retain(2, Attributes.of("bold", null)).build());
    assertThat(doc.toDelta())
        .isEqualTo(Delta.builder().insert("ab", ITALIC).insert("c", BOLD.with("italic", true)).build());
  }

  @Test
  void applyTooLongChangeThrowsNamingBothLengthsAndChangesNothing() {
    RichDocument doc = RichDocument.of(sample(), 4, 3);
    Delta change = Delta.builder().insert("x").delete(sample().length() + 1).build();
    assertThatThrownBy(() -> doc.apply(change))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(String.valueOf(sample().length() + 1))
        .hasMessageContaining(String.valueOf(sample().length()));
    assertThat(doc.toDelta()).isEqualTo(sample());
  }

  @Test
  void applySplittingSurrogatePairThrowsAndChangesNothing() {
    Delta original = Delta.document("a\uD83D\uDE00b\n");
    RichDocument doc = RichDocument.of(original);
    Delta insertInside = Delta.builder().insert("x").retain(2).insert("y").build();
    assertThatThrownBy(() -> doc.apply(insertInside)).isInstanceOf(IllegalArgumentException.class);
    Delta deleteHalf = Delta.builder().retain(1).delete(1).build();
    assertThatThrownBy(() -> doc.apply(deleteHalf)).isInstanceOf(IllegalArgumentException.class);
    Delta boldHalf = Delta.builder().retain(2, BOLD).build();
    assertThatThrownBy(() -> doc.apply(boldHalf)).isInstanceOf(IllegalArgumentException.class);
    assertThat(doc.toDelta()).isEqualTo(original);

    Delta whole = Delta.builder().retain(1).retain(2, BOLD).delete(1).build();
    doc.apply(whole);
    assertThat(doc.toDelta()).isEqualTo(original.apply(whole));
  }

  @Test
  void insertAndDeleteFastPaths() {
    RichDocument doc = RichDocument.empty();
    doc.insert(0, "hello\n", Attributes.EMPTY);
    doc.insert(5, " world", BOLD);
    doc.insert(0, ">", Attributes.EMPTY);
    assertThat(doc.toDelta())
        .isEqualTo(Delta.builder().insert(">hello").insert(" world", BOLD).insert("\n").build());
    doc.delete(1, 5);
    assertThat(doc.text()).isEqualTo("> world\n");
    doc.delete(0, doc.length());
    assertThat(doc.toDelta()).isEqualTo(Delta.EMPTY);
    assertThatThrownBy(() -> doc.insert(1, "x", Attributes.EMPTY))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> doc.delete(0, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> doc.insert(0, "x", Attributes.of("bold", null)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fastPathsRefuseToSplitSurrogatePairs() {
    RichDocument doc = RichDocument.of(Delta.document("\uD83D\uDE00"));
    assertThatThrownBy(() -> doc.insert(1, "x", Attributes.EMPTY)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> doc.delete(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(doc.text()).isEqualTo("\uD83D\uDE00");
  }

  @Test
  void largeDocumentSplitsAndMergesBackToOneLeaf() {
    RichDocument doc = RichDocument.empty();
    String line = "0123456789abcdef\n";
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      doc.insert(doc.length(), line, Attributes.EMPTY);
      expected.append(line);
    }
    doc.checkInvariants();
    assertThat(doc.text()).isEqualTo(expected.toString());
    assertThat(doc.paragraphCount()).isEqualTo(20_001);
    assertThat(doc.paragraphStart(12_345)).isEqualTo(12_345 * line.length());
    assertThat(doc.paragraphOf(12_345 * line.length() + 3)).isEqualTo(12_345);
    doc.delete(5, doc.length() - 10);
    doc.checkInvariants();
    assertThat(doc.text()).isEqualTo(expected.substring(0, 5) + expected.substring(expected.length() - 5));
  }
}
