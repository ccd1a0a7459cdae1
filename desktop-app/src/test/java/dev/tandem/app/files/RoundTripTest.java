package dev.tandem.app.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.PropertyCheck;
import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Formats;
import dev.tandem.ot.Op;
import org.junit.jupiter.api.Test;

/** Writing a document and reading it back gives the document, less what the format cannot carry. */
class RoundTripTest {

  @Test
  void plainTextKeepsEveryCharacter() {
    PropertyCheck.forAll("text round trip", 2000, RandomDocuments::document, doc -> {
      Delta back = PlainText.read(PlainText.write(doc));
      assertThat(back.plainText()).isEqualTo(doc.plainText());
      assertThat(back).isEqualTo(Delta.document(doc.plainText()));
    });
  }

  @Test
  void htmlKeepsEverythingButCodeInsideCodeBlocks() {
    PropertyCheck.forAll("html round trip", 2000, RandomDocuments::document, doc -> {
      String html = HtmlWriter.write(doc, "t");
      assertThat(HtmlReader.read(html)).as(html).isEqualTo(withoutCodeInCodeBlocks(doc));
    });
  }

  @Test
  void markdownKeepsEverythingItCanCarry() {
    PropertyCheck.forAll("markdown round trip", 2000, RandomDocuments::document, doc -> {
      String md = MarkdownWriter.write(doc);
      assertThat(MarkdownReader.read(md)).as(md).isEqualTo(markdownCarries(doc));
    });
  }

  @Test
  void writersAcceptDocumentsWithAuthors() {
    Delta doc = Delta.builder().insert("hi", Attributes.of(Formats.AUTHOR, "c1", Formats.BOLD, true))
        .insert("\n").build();
    assertThat(MarkdownWriter.write(doc)).isEqualTo("**hi**\n");
    assertThat(HtmlWriter.write(doc, "x")).contains("<p><strong>hi</strong></p>").doesNotContain("c1");
  }

  /** HTML: inline code inside a code block is not carried (a pre's text is all code). */
  static Delta withoutCodeInCodeBlocks(Delta doc) {
    Delta.Builder b = Delta.builder();
    for (Paragraphs.Paragraph p : Paragraphs.of(doc)) {
      boolean code = p.is(Formats.CODE_BLOCK);
      p.runs().forEach(r -> b.insert(r.text(), code ? r.attributes().without(Formats.CODE) : r.attributes()));
      b.insert("\n", p.block());
    }
    return b.build();
  }

  /** Markdown: no empty paragraphs outside lists, headings and code; no alignment; no formats in code blocks. */
  static Delta markdownCarries(Delta doc) {
    Delta.Builder b = Delta.builder();
    int kept = 0;
    for (Paragraphs.Paragraph p : Paragraphs.of(doc)) {
      boolean code = p.is(Formats.CODE_BLOCK);
      if (p.isEmpty() && !code && p.list() == null && p.header() == 0) {
        continue;
      }
      p.runs().forEach(r -> b.insert(r.text(), code ? Attributes.EMPTY : r.attributes()));
      b.insert("\n", p.block().without(Formats.ALIGN));
      kept++;
    }
    if (kept == 0) {
      b.insert("\n");
    }
    return b.build();
  }

  @Test
  void normalisationHelpersAreNotIdentities() {
    // Guards the two expectations above against silently comparing a document with itself.
    Delta doc = Delta.builder().insert("x", Attributes.of(Formats.CODE, true))
        .insert("\n", Attributes.of(Formats.CODE_BLOCK, true)).insert("\n", Attributes.of(Formats.ALIGN, "center")).build();
    assertThat(withoutCodeInCodeBlocks(doc)).isNotEqualTo(doc);
    assertThat(markdownCarries(doc).ops()).allMatch(op -> op instanceof Op.Insert);
    assertThat(markdownCarries(doc)).isEqualTo(Delta.builder().insert("x")
        .insert("\n", Attributes.of(Formats.CODE_BLOCK, true)).build());
  }
}
