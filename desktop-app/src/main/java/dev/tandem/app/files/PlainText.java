package dev.tandem.app.files;

import dev.tandem.ot.Delta;

/**
 * Plain text: one paragraph per line, no formatting. Reading accepts {@code \n}, {@code \r\n} and
 * {@code \r} line ends and drops a byte-order mark; writing uses {@code \n}. Every character of the
 * document round-trips; formatting is not carried.
 */
public final class PlainText {
  private PlainText() {}

  public static Delta read(String text) {
    String s = text;
    if (!s.isEmpty() && s.charAt(0) == '\uFEFF') {
      s = s.substring(1);
    }
    if (s.indexOf('\r') >= 0) {
      s = s.replace("\r\n", "\n").replace('\r', '\n');
    }
    s = DocumentBuilder.sanitize(s);
    if (!s.endsWith("\n")) {
      s = s + "\n";
    }
    return Delta.document(s);
  }

  /** The document's text, its final '\n' included (so the file ends with a line end). */
  public static String write(Delta document) {
    return document.plainText();
  }
}
