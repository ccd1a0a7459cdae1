package dev.tandem.app.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.ot.PropertyCheck;
import java.text.BreakIterator;
import java.text.StringCharacterIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NearbyGraphemeIteratorTest {
  /**
   * Pieces of text that the grapheme rules join or split in every way they know: combining marks,
   * joiners, emoji with skin tones and ZWJ sequences, flags (regional indicator pairs), Hangul
   * jamo and syllables, an Indic conjunct (consonant, virama, consonant), prepended and spacing
   * marks, CR LF and other controls, an unpaired surrogate — mixed with plain letters of every range
   * {@link NearbyGraphemeIterator#plain} trusts, so that walks start after them and meet the rest.
   */
  private static final String[] PIECES = {
    "a", "b", "Z", " ", "~", "1", "é", "ß", "×", "Ж", "я", "中", "文",
    "\u0301", "\u0308", "\u20E3", "\uFE0F", "\u200D", "\u200C",
    "\uD83D\uDC4D", "\uD83C\uDFFD", "\uD83D\uDC68", "\uD83D\uDC69", "\u2764", "\u00A9", "\u00AE",
    "\uD83C\uDDE9", "\uD83C\uDDEA", "\uD83C\uDDEB",
    "\u1100", "\u1161", "\u11A8", "\uAC00", "\uAC01",
    "\u0915", "\u094D", "\u0937", "\u093F", "\u0600", "\u0903",
    "\r", "\n", "\t", "\u0000", "\u0483", "\u0482", "\uD800",
  };

  private static String text(SplittableRandom random) {
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(0, 40);
    for (int i = 0; i < n; i++) {
      if (random.nextInt(3) == 0) {
        s.append(PIECES[random.nextInt(PIECES.length)]);
      } else {
        s.append(PIECES[random.nextInt(13)]); // plain: long runs of them give walks somewhere to start
      }
    }
    return s.toString();
  }

  /** Every boundary, by the JDK's grapheme rules walked from the start (as the JDK's own iterator does). */
  private static List<Integer> boundaries(String s) {
    List<Integer> b = new ArrayList<>(List.of(0));
    Matcher m = Pattern.compile("\\X").matcher(s);
    int at = 0;
    while (at < s.length()) {
      m.region(at, s.length());
      assertTrue(m.lookingAt());
      at = m.end();
      b.add(at);
    }
    return b;
  }

  @Test
  void findsTheSameBoundariesAsAWalkFromTheStart() {
    PropertyCheck.forAll("nearby grapheme boundaries = all of them", 3000, NearbyGraphemeIteratorTest::text, s -> {
      List<Integer> all = boundaries(s);
      NearbyGraphemeIterator it = new NearbyGraphemeIterator();
      it.setText(s);
      // forwards and backwards
      List<Integer> forwards = new ArrayList<>(List.of(it.first()));
      for (int b = it.next(); b != BreakIterator.DONE; b = it.next()) {
        forwards.add(b);
      }
      assertEquals(all, forwards, s);
      List<Integer> backwards = new ArrayList<>(List.of(it.last()));
      for (int b = it.previous(); b != BreakIterator.DONE; b = it.previous()) {
        backwards.addFirst(b);
      }
      assertEquals(all, backwards, s);
      // at every offset, asked afresh (as JavaFX's hit test asks); following(end) as the JDK's
      // iterator answers it: the end, then DONE once there
      for (int offset = 0; offset <= s.length(); offset++) {
        int o = offset;
        int after = all.stream().filter(b -> b > o).findFirst()
            .orElse(o == 0 ? BreakIterator.DONE : o);
        int before = all.stream().filter(b -> b < o).reduce((x, y) -> y).orElse(BreakIterator.DONE);
        NearbyGraphemeIterator fresh = new NearbyGraphemeIterator();
        fresh.setText(s);
        assertEquals(after, fresh.following(offset), s + " following " + offset);
        assertEquals(before, fresh.preceding(offset), s + " preceding " + offset);
        assertEquals(all.contains(offset), fresh.isBoundary(offset), s + " isBoundary " + offset);
      }
    });
  }

  /**
   * The JDK's own character iterator, which this JVM's {@code BreakIterator.getCharacterInstance()}
   * no longer returns (the tests run with {@code -Djava.locale.providers=SPI,CLDR}, as the app does);
   * reached through the JDK's provider adapter ({@code --add-exports} in desktop-app/pom.xml).
   */
  private static BreakIterator jdkIterator() {
    try {
      Class<?> adapter = Class.forName("sun.util.locale.provider.LocaleProviderAdapter");
      Object jre = adapter.getMethod("forJRE").invoke(null);
      var provider = (java.text.spi.BreakIteratorProvider) adapter.getMethod("getBreakIteratorProvider").invoke(jre);
      return provider.getCharacterInstance(Locale.ROOT);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("the JDK's own break iterator provider is not reachable", e);
    }
  }

  @Test
  void answersAsTheJdksOwnIteratorDoes() {
    assertFalse(jdkIterator() instanceof NearbyGraphemeIterator);
    PropertyCheck.forAll("nearby grapheme iterator = the JDK's", 2000, NearbyGraphemeIteratorTest::text, s -> {
      BreakIterator jdk = jdkIterator();
      jdk.setText(s);
      NearbyGraphemeIterator ours = new NearbyGraphemeIterator();
      ours.setText(s);
      List<Integer> jdkWalk = new ArrayList<>(List.of(jdk.first()));
      for (int b = jdk.next(); b != BreakIterator.DONE; b = jdk.next()) {
        jdkWalk.add(b);
      }
      List<Integer> ourWalk = new ArrayList<>(List.of(ours.first()));
      for (int b = ours.next(); b != BreakIterator.DONE; b = ours.next()) {
        ourWalk.add(b);
      }
      assertEquals(jdkWalk, ourWalk, s);
      // each offset asked afresh, as JavaFX's hit test asks: setText, then one question
      for (int offset = 0; offset <= s.length(); offset++) {
        BreakIterator j = jdkIterator();
        j.setText(s);
        NearbyGraphemeIterator o = new NearbyGraphemeIterator();
        o.setText(s);
        assertEquals(j.following(offset), o.following(offset), s + " following " + offset);
        j.setText(s);
        o.setText(s);
        assertEquals(j.preceding(offset), o.preceding(offset), s + " preceding " + offset);
        assertEquals(j.isBoundary(offset), o.isBoundary(offset), s + " isBoundary " + offset);
      }
    });
  }

  @Test
  void keepsTheIndicesOfACharacterIteratorThatStartsLater() {
    String s = "xx" + "e\u0301\uD83D\uDC4D\uD83C\uDFFDab" + "yy";
    NearbyGraphemeIterator it = new NearbyGraphemeIterator();
    it.setText(new StringCharacterIterator(s, 2, s.length() - 2, 2));
    assertEquals(2, it.first());
    assertEquals(List.of(4, 8, 9, 10), List.of(it.next(), it.next(), it.next(), it.next()));
    assertEquals(BreakIterator.DONE, it.next());
    assertEquals(4, it.following(3));
    assertEquals(8, it.preceding(9));
    assertFalse(it.isBoundary(5));
    assertThrows(IllegalArgumentException.class, () -> it.following(1));
    assertThrows(IllegalArgumentException.class, () -> it.preceding(11));
  }

  /**
   * At the ends, as the JDK's iterator (JDK 25; checked against it on 200,000 random texts of the
   * kind above, every offset, in a JVM without this provider): following(end) moves to the end and
   * only then answers DONE; preceding(start) answers DONE at the start; isBoundary moves nothing.
   */
  @Test
  void atTheEndsAnswersAsTheJdksIterator() {
    NearbyGraphemeIterator it = new NearbyGraphemeIterator();
    it.setText("ab");
    assertEquals(1, it.following(0));
    assertEquals(2, it.following(2));
    assertEquals(BreakIterator.DONE, it.following(2));
    assertEquals(2, it.current());
    assertTrue(it.isBoundary(1));
    assertEquals(2, it.current());
    assertEquals(BreakIterator.DONE, it.preceding(0));
    assertEquals(0, it.current());
    assertEquals(2, it.next(2));
    assertEquals(BreakIterator.DONE, it.next());
    assertEquals(0, it.next(-2));
    assertEquals(BreakIterator.DONE, it.previous());
    NearbyGraphemeIterator empty = new NearbyGraphemeIterator();
    empty.setText("");
    assertEquals(BreakIterator.DONE, empty.following(0));
    assertEquals(BreakIterator.DONE, empty.preceding(0));
  }

  @Test
  void aCloneWalksOnItsOwn() {
    NearbyGraphemeIterator it = new NearbyGraphemeIterator();
    it.setText("a\u0301bc");
    it.next();
    NearbyGraphemeIterator copy = it.clone();
    assertEquals(3, copy.next());
    assertEquals(2, it.current());
  }

  /**
   * The app's JVMs start with {@code -Djava.locale.providers=SPI,CLDR} (the tests too, see the pom):
   * JavaFX's text layout then gets this iterator, whatever the locale; the other kinds stay the JDK's.
   */
  @Test
  void isTheCharacterInstanceOfThisJvm() {
    assertEquals(NearbyGraphemeProvider.LOCALE_PROVIDERS, System.getProperty("java.locale.providers"));
    assertInstanceOf(NearbyGraphemeIterator.class, BreakIterator.getCharacterInstance());
    assertInstanceOf(NearbyGraphemeIterator.class, BreakIterator.getCharacterInstance(Locale.JAPAN));
    assertFalse(BreakIterator.getWordInstance() instanceof NearbyGraphemeIterator);
    BreakIterator words = BreakIterator.getWordInstance(Locale.US);
    words.setText("two words");
    assertEquals(3, words.following(0));
  }
}
