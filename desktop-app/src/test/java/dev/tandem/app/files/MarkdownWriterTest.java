package dev.tandem.app.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Formats;
import org.junit.jupiter.api.Test;

class MarkdownWriterTest {

  @Test
  void readableMarkdownForCommonFormatting() {
    Delta d = Delta.builder().insert("Title").insert("\n", Attributes.of(Formats.HEADER, 1L))
        .insert("Some ").insert("bold", Attributes.of(Formats.BOLD, true)).insert(", ")
        .insert("link", Attributes.of(Formats.LINK, "https://x.org/a")).insert(" and ")
        .insert("u", Attributes.of(Formats.UNDERLINE, true)).insert("\n")
        .insert("one").insert("\n", Attributes.of(Formats.LIST, "bullet"))
        .insert("two").insert("\n", Attributes.of(Formats.LIST, "bullet"))
        .insert("1st").insert("\n", Attributes.of(Formats.LIST, "ordered"))
        .insert("2nd").insert("\n", Attributes.of(Formats.LIST, "ordered"))
        .insert("x = `y`").insert("\n", Attributes.of(Formats.CODE_BLOCK, true))
        .insert("\n").build();
    assertThat(MarkdownWriter.write(d)).isEqualTo("""
        # Title

        Some **bold**, [link](https://x.org/a) and <u>u</u>

        - one
        - two

        1. 1st
        2. 2nd

        ```
        x = `y`
        ```
        """);
  }

  @Test
  void textThatLooksLikeMarkupIsEscaped() {
    String md = MarkdownWriter.write(Delta.document("# not a heading\n1. not a list\n- nor this\n*x* <b> &amp; `c`\n    indented\n"));
    assertThat(MarkdownReader.read(md))
        .isEqualTo(Delta.document("# not a heading\n1. not a list\n- nor this\n*x* <b> &amp; `c`\n    indented\n"));
  }

  @Test
  void emphasisThatWouldReadBackWrongFallsBackToTags() {
    // A bold run ending in a space cannot close with ** (CommonMark's flanking rule).
    Delta d = Delta.builder().insert("bold ", Attributes.of(Formats.BOLD, true)).insert("x\n").build();
    String md = MarkdownWriter.write(d);
    assertThat(md).isEqualTo("<strong>bold </strong>x\n");
    assertThat(MarkdownReader.read(md)).isEqualTo(d);
  }
}
