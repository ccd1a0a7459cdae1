package dev.tandem.app.files;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Formats;
import dev.tandem.ot.Latin1;

/**
 * Builds a document paragraph by paragraph for the readers. Text goes in with its inline
 * attributes and never contains {@code '\n'}; {@link #endParagraph} closes the paragraph with its
 * block attributes. Only the attributes Tandem's editor knows are kept, with their valid values,
 * so a reader cannot smuggle anything else into a room. The result always ends with {@code '\n'}.
 */
final class DocumentBuilder {
  private final Delta.Builder delta = Delta.builder();
  /** Characters of the paragraph being built (not yet ended). */
  private int open;
  private int length;

  /** Appends text (no '\n') to the current paragraph. */
  void text(String text, Attributes inline) {
    if (text.isEmpty()) {
      return;
    }
    if (text.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("paragraph text holds no newline");
    }
    delta.insert(sanitize(text), inlineOnly(inline));
    open += text.length();
    length += text.length();
  }

  /** Ends the current paragraph (possibly empty) with these block attributes. */
  void endParagraph(Attributes block) {
    delta.insert("\n", blockOnly(block));
    open = 0;
    length++;
  }

  /** True when the current paragraph has text. */
  boolean paragraphHasText() {
    return open > 0;
  }

  /** UTF-16 units so far. */
  int length() {
    return length;
  }

  /** The document; an unfinished last paragraph is ended without block attributes. */
  Delta build() {
    if (open > 0 || length == 0) {
      endParagraph(Attributes.EMPTY);
    }
    return delta.build();
  }

  /**
   * The text with NUL and lone surrogates replaced by U+FFFD: a document never holds half a
   * character (positions never split a pair) and NUL ends strings in too many places downstream.
   */
  static String sanitize(String text) {
    if (text.indexOf('\0') < 0 && Latin1.covers(text)) {
      return text; // the usual case, answered without a per-char loop over megabytes
    }
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == 0 || Character.isSurrogate(c)) {
        return sanitizeFrom(text, i);
      }
    }
    return text;
  }

  private static String sanitizeFrom(String text, int from) {
    StringBuilder sb = new StringBuilder(text.length()).append(text, 0, from);
    int n = text.length();
    for (int i = from; i < n; i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
        sb.append(c).append(text.charAt(++i));
      } else if (c == 0 || Character.isSurrogate(c)) {
        sb.append('\uFFFD');
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  static Attributes inlineOnly(Attributes a) {
    if (a.isEmpty()) {
      return a;
    }
    Attributes.Builder b = Attributes.builder();
    for (String key : new String[] {Formats.BOLD, Formats.ITALIC, Formats.UNDERLINE, Formats.STRIKE, Formats.CODE}) {
      if (Boolean.TRUE.equals(a.get(key))) {
        b.put(key, true);
      }
    }
    if (a.get(Formats.LINK) instanceof String url && !url.isBlank()) {
      b.put(Formats.LINK, url);
    }
    return b.build();
  }

  static Attributes blockOnly(Attributes a) {
    if (a.isEmpty()) {
      return a;
    }
    if (Boolean.TRUE.equals(a.get(Formats.CODE_BLOCK))) {
      // The editor's code block stands alone (Formatter.toggleBlock), so readers do too.
      return Attributes.of(Formats.CODE_BLOCK, true);
    }
    Attributes.Builder b = Attributes.builder();
    if (a.get(Formats.HEADER) instanceof Number n && n.intValue() >= 1 && n.intValue() <= 3) {
      b.put(Formats.HEADER, (long) n.intValue());
    }
    if (a.get(Formats.LIST) instanceof String list && (list.equals("bullet") || list.equals("ordered"))) {
      b.put(Formats.LIST, list);
    }
    if (Boolean.TRUE.equals(a.get(Formats.BLOCKQUOTE))) {
      b.put(Formats.BLOCKQUOTE, true);
    }
    if (a.get(Formats.ALIGN) instanceof String align
        && (align.equals("center") || align.equals("right") || align.equals("justify"))) {
      b.put(Formats.ALIGN, align);
    }
    return b.build();
  }
}
