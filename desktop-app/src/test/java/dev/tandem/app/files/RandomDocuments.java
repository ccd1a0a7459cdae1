package dev.tandem.app.files;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Formats;
import java.util.SplittableRandom;

/** Random documents with every format Tandem has, text full of Markdown and HTML specials. */
final class RandomDocuments {
  private RandomDocuments() {}

  private static final String[] PIECES = {"a", "b", "word", " ", "  ", "\t", "*", "_", "**", "`", "``", "~",
      "~~", "[", "]", "(", ")", "<", ">", "&", "&amp;", "#", "-", "+", "=", "1.", "2)", "!", "\\", "|", "é",
      "😀", "\u00A0", "<u>", "http://x.y", ".", ",", "\"", "'", "0"};

  static Delta document(SplittableRandom r) {
    Delta.Builder b = Delta.builder();
    int paragraphs = 1 + r.nextInt(6);
    for (int p = 0; p < paragraphs; p++) {
      boolean code = r.nextInt(6) == 0;
      int runs = r.nextInt(4);
      for (int i = 0; i < runs; i++) {
        b.insert(text(r), code ? Attributes.EMPTY : inline(r));
      }
      b.insert("\n", code ? Attributes.of(Formats.CODE_BLOCK, true) : block(r));
    }
    return b.build();
  }

  static String text(SplittableRandom r) {
    StringBuilder sb = new StringBuilder();
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      sb.append(PIECES[r.nextInt(PIECES.length)]);
    }
    return sb.toString();
  }

  static Attributes inline(SplittableRandom r) {
    Attributes.Builder a = Attributes.builder();
    for (String key : new String[] {Formats.BOLD, Formats.ITALIC, Formats.UNDERLINE, Formats.STRIKE, Formats.CODE}) {
      if (r.nextInt(4) == 0) {
        a.put(key, true);
      }
    }
    if (r.nextInt(6) == 0) {
      a.put(Formats.LINK, r.nextBoolean() ? "https://example.com/a_b?c=1&d=(2)" : "mailto:x@y.z");
    }
    return a.build();
  }

  static Attributes block(SplittableRandom r) {
    Attributes.Builder a = Attributes.builder();
    if (r.nextInt(4) == 0) {
      a.put(Formats.HEADER, (long) (1 + r.nextInt(3)));
    }
    if (r.nextInt(3) == 0) {
      a.put(Formats.LIST, r.nextBoolean() ? "bullet" : "ordered");
    }
    if (r.nextInt(4) == 0) {
      a.put(Formats.BLOCKQUOTE, true);
    }
    if (r.nextInt(6) == 0) {
      a.put(Formats.ALIGN, "center");
    }
    return a.build();
  }
}
