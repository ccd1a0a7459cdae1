package dev.tandem.app.files;

import dev.tandem.ot.Delta;
import dev.tandem.ot.Op;

/**
 * Keeps only what Tandem's editor knows in a piece of document that came from outside (a file, the
 * clipboard): the inline and block attributes with valid values; no {@code author} (the server
 * stamps the real one); no NUL or lone surrogates in the text.
 */
public final class KnownFormats {
  private KnownFormats() {}

  /**
   * The cleaned slice. A slice is inserts only; each {@code '\n'} keeps block attributes, other
   * text inline ones.
   *
   * @throws IllegalArgumentException if it holds a retain or a delete
   */
  public static Delta clean(Delta slice) {
    Delta.Builder b = Delta.builder();
    for (Op op : slice) {
      if (!(op instanceof Op.Insert insert)) {
        throw new IllegalArgumentException("not a piece of document (inserts only)");
      }
      String text = DocumentBuilder.sanitize(insert.text());
      int start = 0;
      for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
        b.insert(text.substring(start, i), DocumentBuilder.inlineOnly(insert.attributes()));
        b.insert("\n", DocumentBuilder.blockOnly(insert.attributes()));
        start = i + 1;
      }
      b.insert(text.substring(start), DocumentBuilder.inlineOnly(insert.attributes()));
    }
    return b.build();
  }
}
