package dev.tandem.app.text;

import java.text.BreakIterator;
import java.text.CharacterIterator;
import java.text.StringCharacterIterator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A character (grapheme cluster) {@link BreakIterator} that finds the boundaries near the offset it
 * is asked about, instead of every boundary of the text when the text is set, as the JDK's does.
 *
 * <p>Why: JavaFX's text layout answers a hit test on the trailing half of a character with
 * {@code BreakIterator.getCharacterInstance()}, {@code setText(the whole paragraph)} and one
 * {@code following(offset)}; RichTextFX counts a paragraph's lines with one such hit test per
 * wrapped line whenever it rebuilds the paragraph's cell, which it does on every keystroke. The
 * JDK's iterator (JDK 25) walks the whole text in {@code setText}, so a keystroke paid
 * lines × length character steps: about a third of the FX thread's CPU per key in a paragraph of a
 * thousand characters (docs/benchmarks.md, "Keystroke pass 8"). Here {@code setText} keeps the
 * text and each question walks only from the nearest certain boundary before it.
 *
 * <p>Same boundaries as the JDK's: both step with the JDK's grapheme rules (the JDK's iterator calls
 * them for every cluster from the start; the regular expression {@code \X} used here calls the same
 * rules, {@code jdk.internal.util.regex.Grapheme}), and a walk may start at any boundary the walk
 * from the start reaches. Certain boundaries: the start of the text, and any place between two
 * characters that are both of the rules' class "other" and of no rule that joins across them
 * ({@link #plain}: printable ASCII, Latin-1 letters, basic Cyrillic letters, CJK ideographs) — the
 * rules always break there (UAX #29, GB999), whatever came before. Text without such pairs (most
 * Greek, Hebrew, Arabic, Indic or Hangul paragraphs) is walked from its start for each question:
 * about what the JDK's iterator does once per {@code setText}, so a {@code setText} and one question —
 * the way JavaFX asks — cost about the same as the JDK's, and {@link #previous} over a whole such
 * text is quadratic (nothing in JavaFX or RichTextFX walks backwards). Tested against a walk from
 * the start and against the JDK's own iterator on random text of joining characters
 * ({@code NearbyGraphemeIteratorTest}).
 *
 * <p>Not thread-safe, like every {@code BreakIterator}.
 */
public final class NearbyGraphemeIterator extends BreakIterator {
  private static final Pattern GRAPHEME = Pattern.compile("\\X");

  private CharacterIterator text = new StringCharacterIterator("");
  /** The text's characters from its begin index to its end index. */
  private String chars = "";
  /** The text's begin index: offsets given and returned are {@code begin} + an index into {@code chars}. */
  private int begin;
  /** The current boundary, an index into {@code chars}. */
  private int current;
  private Matcher matcher;

  @Override
  public int first() {
    current = 0;
    return begin;
  }

  @Override
  public int last() {
    current = chars.length();
    return begin + current;
  }

  @Override
  public int next(int n) {
    int result = current();
    for (int i = 0; i < n && result != DONE; i++) {
      result = next();
    }
    for (int i = 0; i > n && result != DONE; i--) {
      result = previous();
    }
    return result;
  }

  @Override
  public int next() {
    if (current == chars.length()) {
      return DONE;
    }
    current = nextBoundary(current); // the position is always a boundary: one cluster on
    return begin + current;
  }

  @Override
  public int previous() {
    if (current == 0) {
      return DONE;
    }
    current = boundaryBefore(current);
    return begin + current;
  }

  /**
   * The first boundary after {@code offset}. As the JDK's iterator (JDK 25), and unlike the
   * {@code BreakIterator} contract, {@code following(end)} returns the end unless the iterator is
   * already there (then {@code DONE}).
   */
  @Override
  public int following(int offset) {
    int i = index(offset);
    if (i == chars.length()) {
      if (current == i) {
        return DONE;
      }
      current = i;
      return begin + current;
    }
    current = boundaryAfter(i);
    return begin + current;
  }

  /** The last boundary before {@code offset}; {@code DONE} at the start, which becomes the position (as the JDK's). */
  @Override
  public int preceding(int offset) {
    int i = index(offset);
    if (i == 0) {
      current = 0;
      return DONE;
    }
    current = boundaryBefore(i);
    return begin + current;
  }

  /** Leaves the position alone (as the JDK's). */
  @Override
  public boolean isBoundary(int offset) {
    int i = index(offset);
    return i == 0 || i == chars.length() || boundaryAfter(i - 1) == i;
  }

  @Override
  public int current() {
    return begin + current;
  }

  @Override
  public CharacterIterator getText() {
    return text;
  }

  @Override
  public void setText(String newText) {
    text = new StringCharacterIterator(newText);
    chars = newText;
    begin = 0;
    current = 0;
    matcher = null;
  }

  @Override
  public void setText(CharacterIterator newText) {
    StringBuilder copy = new StringBuilder(Math.max(0, newText.getEndIndex() - newText.getBeginIndex()));
    for (char c = newText.first(); c != CharacterIterator.DONE; c = newText.next()) {
      copy.append(c);
    }
    newText.first();
    text = newText;
    chars = copy.toString();
    begin = newText.getBeginIndex();
    current = 0;
    matcher = null;
  }

  @Override
  public NearbyGraphemeIterator clone() {
    NearbyGraphemeIterator copy = (NearbyGraphemeIterator) super.clone();
    copy.text = (CharacterIterator) text.clone();
    copy.matcher = null; // a Matcher is not shared
    return copy;
  }

  /** {@code offset} as an index into {@code chars}; the offset must lie within the text. */
  private int index(int offset) {
    int i = offset - begin;
    if (i < 0 || i > chars.length()) {
      throw new IllegalArgumentException("offset " + offset + " is outside the text ["
          + begin + ", " + (begin + chars.length()) + "]");
    }
    return i;
  }

  /** The first boundary after index {@code i} ({@code i} < the text's length). */
  private int boundaryAfter(int i) {
    int b = certainBoundaryAtOrBefore(i);
    while (b <= i) {
      b = nextBoundary(b);
    }
    return b;
  }

  /** The last boundary before index {@code i} ({@code i} > 0). */
  private int boundaryBefore(int i) {
    int b = certainBoundaryAtOrBefore(i - 1);
    for (int n = nextBoundary(b); n < i; n = nextBoundary(n)) {
      b = n;
    }
    return b;
  }

  /** The boundary after boundary {@code b}: the end of the grapheme cluster starting there. */
  private int nextBoundary(int b) {
    if (matcher == null) {
      matcher = GRAPHEME.matcher(chars);
    }
    matcher.region(b, chars.length());
    if (!matcher.lookingAt()) {
      throw new IllegalStateException("no grapheme cluster at " + b + " of " + chars.length());
    }
    return matcher.end();
  }

  /** The nearest index at or before {@code i} that is a boundary whatever the text before it holds. */
  private int certainBoundaryAtOrBefore(int i) {
    int b = i;
    while (b > 0 && !(plain(chars.charAt(b - 1)) && plain(chars.charAt(b)))) {
      b--;
    }
    return b;
  }

  /**
   * A character of the grapheme rules' class "other" that no rule joins to its neighbours: not a
   * control, extender, joiner, spacing mark, prepended mark, Hangul jamo or syllable, regional
   * indicator, pictograph or Indic letter (UAX #29). Two of them in a row always have a boundary
   * between them.
   */
  static boolean plain(char c) {
    return (c >= 0x20 && c <= 0x7E) // printable ASCII
        || (c >= 0xC0 && c <= 0xFF) // Latin-1 letters (and × ÷)
        || (c >= 0x0400 && c <= 0x0481) // Cyrillic letters, before its combining marks at U+0483
        || (c >= 0x4E00 && c <= 0x9FFF); // CJK unified ideographs
  }
}
