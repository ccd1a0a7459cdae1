package dev.tandem.app.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Formats;
import org.junit.jupiter.api.Test;

class HtmlReaderTest {
  private static Attributes a(String k, Object v) {
    return Attributes.of(k, v);
  }

  @Test
  void blocks() {
    Delta d = HtmlReader.read("<h1>T</h1><h5>five</h5><p>p1</p><div>d</div><ol><li>x<ul><li>y</li></ul></li></ol>"
        + "<blockquote><p>q1</p><p>q2</p></blockquote><pre>\ncode\n  more\n</pre><p style='text-align:center'>c</p>");
    assertThat(d).isEqualTo(Delta.builder()
        .insert("T").insert("\n", a(Formats.HEADER, 1L))
        .insert("five").insert("\n", a(Formats.HEADER, 3L))
        .insert("p1\nd\n")
        .insert("x").insert("\n", a(Formats.LIST, "ordered"))
        .insert("y").insert("\n", a(Formats.LIST, "bullet"))
        .insert("q1").insert("\n", a(Formats.BLOCKQUOTE, true))
        .insert("q2").insert("\n", a(Formats.BLOCKQUOTE, true))
        .insert("code").insert("\n", a(Formats.CODE_BLOCK, true))
        .insert("  more").insert("\n", a(Formats.CODE_BLOCK, true))
        .insert("c").insert("\n", a(Formats.ALIGN, "center"))
        .build());
  }

  @Test
  void inlineTagsAndOfficeStyles() {
    Delta d = HtmlReader.read("<p><b>b</b> <em>i</em> <u>u</u> <del>s</del> <code>c</code> <a href='https://x'>l</a> "
        + "<span style='font-weight:700'>sb</span> <span style='font-style: italic; text-decoration: underline line-through'>si</span></p>");
    assertThat(d).isEqualTo(Delta.builder()
        .insert("b", a(Formats.BOLD, true)).insert(" ")
        .insert("i", a(Formats.ITALIC, true)).insert(" ")
        .insert("u", a(Formats.UNDERLINE, true)).insert(" ")
        .insert("s", a(Formats.STRIKE, true)).insert(" ")
        .insert("c", a(Formats.CODE, true)).insert(" ")
        .insert("l", a(Formats.LINK, "https://x")).insert(" ")
        .insert("sb", a(Formats.BOLD, true)).insert(" ")
        .insert("si", Attributes.builder().put(Formats.ITALIC, true).put(Formats.UNDERLINE, true)
            .put(Formats.STRIKE, true).build())
        .insert("\n").build());
  }

  @Test
  void whitespaceCollapsesLikeABrowserUnlessPreserved() {
    assertThat(HtmlReader.read("<p>\n  a   b\t\n c  </p><p style='white-space:pre-wrap'>  x  y </p>"))
        .isEqualTo(Delta.document("a b c\n  x  y \n"));
    assertThat(HtmlReader.read("a<br>b<br><br>c")).isEqualTo(Delta.document("a\nb\n\nc\n"));
  }

  @Test
  void skipsScriptsStylesAndTheHeadAndDropsUnsafeLinks() {
    assertThat(HtmlReader.read("<html><head><title>t</title><style>p{}</style></head><body>"
        + "<script>alert(1)</script><p>ok <a href='javascript:alert(1)'>x</a><a href=' JaVa\tScRiPt:1'>y</a></p>"
        + "<noscript>n</noscript><template>t</template></body></html>"))
        .isEqualTo(Delta.document("ok xy\n"));
  }

  @Test
  void malformedAndUnknownMarkupIsReadAsABrowserWould() {
    assertThat(HtmlReader.read("<p>a <b>b <i>c</p><p>d</b> e</i>").plainText()).isEqualTo("a b c\nd e\n");
    assertThat(HtmlReader.read("<foo-bar>unknown <blink>tags</blink></foo-bar><<>>&bogus;&amp;<p").plainText())
        .isEqualTo("unknown tags<<>>&bogus;&\n");
    assertThat(HtmlReader.read("<li>orphan item").isDocument()).isTrue();
    assertThat(HtmlReader.read("")).isEqualTo(Delta.document("\n"));
    assertThat(HtmlReader.read("<!-- only a comment -->")).isEqualTo(Delta.document("\n"));
    assertThat(HtmlReader.read("<img alt='picture'> <img src=x>")).isEqualTo(Delta.document("picture\n"));
  }

  @Test
  void hostileSizesNeverThrow() {
    assertThat(HtmlReader.read("<div>".repeat(100_000) + "deep" + "</div>".repeat(100_000)).plainText()
        .equals("deep\n")).isTrue();
    assertThat(HtmlReader.read("<b>".repeat(100_000) + "x").plainText().equals("x\n")).isTrue();
    String line = "word ".repeat(400_000);
    assertThat(HtmlReader.read("<p>" + line + "</p>").length()).isEqualTo(line.strip().length() + 1);
    assertThat(HtmlReader.read("<p>&#xD800;&#0;x</p>").plainText()).doesNotContain("\uD800").doesNotContain("\0");
  }
}
