package dev.tandem.app.text;

import java.text.BreakIterator;
import java.text.spi.BreakIteratorProvider;
import java.util.Locale;

/**
 * Gives {@link NearbyGraphemeIterator} as the character instance of {@link BreakIterator} for every
 * locale; word, line and sentence instances stay the JDK's (null here makes the JDK use its own).
 *
 * <p>Found by {@link java.util.ServiceLoader} ({@code META-INF/services}), and used only when the
 * JVM starts with {@code -Djava.locale.providers=SPI,CLDR} (the JDK asks installed locale providers
 * only then): {@code ./tandem}, the installers' launcher and the tests start it so. Without the flag
 * everything works as before, with the JDK's iterator.
 */
public final class NearbyGraphemeProvider extends BreakIteratorProvider {
  /** The system property value that makes the JDK use this provider. */
  public static final String LOCALE_PROVIDERS = "SPI,CLDR";

  @Override
  public BreakIterator getCharacterInstance(Locale locale) {
    return new NearbyGraphemeIterator();
  }

  @Override
  public BreakIterator getWordInstance(Locale locale) {
    return null;
  }

  @Override
  public BreakIterator getLineInstance(Locale locale) {
    return null;
  }

  @Override
  public BreakIterator getSentenceInstance(Locale locale) {
    return null;
  }

  /**
   * A fixed list: {@code Locale.getAvailableLocales()} would ask the providers again (it fails while
   * they are being loaded). With {@link #isSupportedLocale} answering yes, the JDK asks this provider
   * for any locale (checked for ja_JP, de_DE, fr_CA and an unknown one).
   */
  @Override
  public Locale[] getAvailableLocales() {
    return new Locale[] {Locale.ROOT, Locale.ENGLISH, Locale.US};
  }

  @Override
  public boolean isSupportedLocale(Locale locale) {
    return true; // grapheme clusters do not depend on the locale
  }
}
