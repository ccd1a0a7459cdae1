package dev.tandem.ot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The fit rule's final newline: the document a change leaves must still end with "\n". */
class FinalNewlineTest {
  private static final String REFUSED = "the change leaves the document without a final newline";
  private static final RichDocument ABC = RichDocument.of(Delta.document("abc\n"));
  /** A last paragraph that is empty: "abc", then "" (its own newline is the final one). */
  private static final RichDocument ABC_EMPTY_LAST = RichDocument.of(Delta.document("abc\n\n"));

  private static String misfit(RichDocument document, Delta change) {
    return FinalNewline.misfit(change, document);
  }

  @Test
  void editsBeforeTheFinalNewlineKeepIt() {
    assertThat(misfit(ABC, Delta.builder().retain(3).insert("x").build())).isNull();
    assertThat(misfit(ABC, Delta.builder().retain(1).delete(2).build())).isNull();
    assertThat(misfit(ABC, Delta.builder().retain(4, Attributes.of("header", 1)).build())).isNull();
  }

  @Test
  void textInsertedAfterTheEndMustEndWithANewline() {
    assertThat(misfit(ABC, Delta.builder().retain(4).insert("x").build())).isEqualTo(REFUSED);
    assertThat(misfit(ABC, Delta.builder().retain(4).insert("x\n").build())).isNull();
    // A new last paragraph with its own line format: only the last op decides.
    assertThat(misfit(ABC, Delta.builder().retain(4).insert("x").insert("\n", Attributes.of("list", "bullet")).build())).isNull();
    assertThat(misfit(ABC, Delta.builder().retain(4).insert("x\n").insert("y", Attributes.of("bold", true)).build())).isEqualTo(REFUSED);
  }

  @Test
  void theFinalNewlineMayGoOnlyWhenANewlineIsLeftLast() {
    assertThat(misfit(ABC, Delta.builder().retain(3).delete(1).build())).isEqualTo(REFUSED);
    assertThat(misfit(ABC, Delta.builder().delete(4).build())).as("nothing left").isEqualTo(REFUSED);
    // Undoing a paragraph added at the end, or removing an empty last paragraph.
    assertThat(misfit(ABC_EMPTY_LAST, Delta.builder().retain(4).delete(1).build())).isNull();
    assertThat(misfit(ABC_EMPTY_LAST, Delta.builder().retain(3).delete(2).build())).isEqualTo(REFUSED);
    // Replacing everything with text that ends with a newline (a composed "Enter at the end, then
    // select all and type").
    assertThat(misfit(ABC, Delta.builder().insert("z\n").delete(4).build())).isNull();
    assertThat(misfit(ABC, Delta.builder().insert("z").delete(4).build())).isEqualTo(REFUSED);
  }

  @Test
  void aChangeCoveringMoreThanTheDocumentIsLeftToTheLengthCheck() {
    assertThat(misfit(ABC, Delta.builder().retain(4).delete(2).build())).isNull();
    assertThat(misfit(ABC, Delta.builder().retain(9).insert("x").build())).isNull();
  }
}
