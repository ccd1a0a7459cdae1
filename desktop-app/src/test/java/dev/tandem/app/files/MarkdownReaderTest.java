package dev.tandem.app.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Formats;
import org.junit.jupiter.api.Test;

class MarkdownReaderTest {
  private static Attributes a(String k, Object v) {
    return Attributes.of(k, v);
  }

  @Test
  void headingsListsQuotesAndCode() {
    Delta d = MarkdownReader.read("""
        # One
        ## Two
        #### Four

        - a
        - b
          - nested

        1. first
        2) second

        > quoted

        ```java
        int x;

        ```
            indented
        """);
    assertThat(d).isEqualTo(Delta.builder()
        .insert("One").insert("\n", a(Formats.HEADER, 1L))
        .insert("Two").insert("\n", a(Formats.HEADER, 2L))
        .insert("Four").insert("\n", a(Formats.HEADER, 3L))
        .insert("a").insert("\n", a(Formats.LIST, "bullet"))
        .insert("b").insert("\n", a(Formats.LIST, "bullet"))
        .insert("nested").insert("\n", a(Formats.LIST, "bullet"))
        .insert("first").insert("\n", a(Formats.LIST, "ordered"))
        .insert("second").insert("\n", a(Formats.LIST, "ordered"))
        .insert("quoted").insert("\n", a(Formats.BLOCKQUOTE, true))
        .insert("int x;").insert("\n", a(Formats.CODE_BLOCK, true))
        .insert("\n", a(Formats.CODE_BLOCK, true))
        .insert("indented").insert("\n", a(Formats.CODE_BLOCK, true))
        .build());
  }

  @Test
  void inlineFormats() {
    Delta d = MarkdownReader.read("*i* **b** ~~s~~ `c` [l](https://x.y) <u>u</u> <b>hb</b>\nsoft");
    assertThat(d).isEqualTo(Delta.builder()
        .insert("i", a(Formats.ITALIC, true)).insert(" ")
        .insert("b", a(Formats.BOLD, true)).insert(" ")
        .insert("s", a(Formats.STRIKE, true)).insert(" ")
        .insert("c", a(Formats.CODE, true)).insert(" ")
        .insert("l", a(Formats.LINK, "https://x.y")).insert(" ")
        .insert("u", a(Formats.UNDERLINE, true)).insert(" ")
        .insert("hb", a(Formats.BOLD, true)).insert(" soft\n").build());
  }

  @Test
  void hardBreakStartsAParagraphAndImagesBecomeAltText() {
    assertThat(MarkdownReader.read("a  \nb ![alt](x.png)")).isEqualTo(Delta.document("a\nb alt\n"));
  }

  @Test
  void unsafeLinksKeepTheirTextOnly() {
    assertThat(MarkdownReader.read("[x](javascript:alert(1)) [y](<java\tscript:z>)"))
        .isEqualTo(Delta.document("x y\n"));
  }

  @Test
  void htmlBlocksAreReadAsHtml() {
    assertThat(MarkdownReader.read("<div>\n<p>in <em>html</em></p>\n</div>\n\nafter"))
        .isEqualTo(Delta.builder().insert("in ").insert("html", a(Formats.ITALIC, true)).insert("\nafter\n").build());
  }

  @Test
  void hostileInputNeverThrows() {
    assertThat(MarkdownReader.read("")).isEqualTo(Delta.document("\n"));
    assertThat(MarkdownReader.read("\uFEFF")).isEqualTo(Delta.document("\n"));
    // Deep nesting: quotes, lists, emphasis and brackets 50,000 deep.
    // (The parser caps nesting and reads the rest as text; all that matters is the text survives.)
    assertThat(MarkdownReader.read(">".repeat(50_000) + " deep").plainText().endsWith("deep\n")).isTrue();
    assertThat(MarkdownReader.read("- ".repeat(20_000) + "x").plainText().endsWith("x\n")).isTrue();
    assertThat(MarkdownReader.read("*".repeat(50_000) + "x" + "*".repeat(50_000)).plainText().contains("x")).isTrue();
    assertThat(MarkdownReader.read("[".repeat(50_000) + "x").plainText().endsWith("x\n")).isTrue();
    // One huge line.
    String line = "word ".repeat(400_000);
    assertThat(MarkdownReader.read(line).length()).isEqualTo(line.strip().length() + 1);
    // Lone surrogates and NUL become U+FFFD.
    assertThat(MarkdownReader.read("a\uD800b\u0000c").plainText()).isEqualTo("a\uFFFDb\uFFFDc\n");
  }
}
