package dev.tandem.ot;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A minimal seeded property runner on plain JUnit 5 (used instead of jqwik, whose 1.10 releases
 * ask not to be used by AI coding agents; see src/test/quill/README.md).
 *
 * <p>Each try draws its input from a {@link SplittableRandom} seeded with {@code seed + try}, so a
 * failure names the one seed that regenerates its input. Configuration (system properties, passed
 * through surefire by ot-core's pom):
 * <ul>
 *   <li>{@code tandem.tries}: tries per property, default {@value #DEFAULT_TRIES};</li>
 *   <li>{@code tandem.seed}: base seed; default a fresh random one, printed on failure. Rerun a
 *       failure with {@code -Dtandem.seed=<try seed> -Dtandem.tries=1}.</li>
 * </ul>
 * No shrinking: generators keep inputs small enough to read in the failure message instead.
 */
public final class PropertyCheck {
  public static final int DEFAULT_TRIES = 10_000;

  private PropertyCheck() {}

  public static int tries() {
    return Integer.getInteger("tandem.tries", DEFAULT_TRIES);
  }

  public static long baseSeed() {
    String fixed = System.getProperty("tandem.seed");
    return fixed == null || fixed.isBlank() ? new SplittableRandom().nextLong() : Long.parseLong(fixed.trim());
  }

  /**
   * Checks {@code property} on {@link #tries()} inputs from {@code generator}; returns the number
   * of tries run. The property fails by throwing (AssertJ assertions or any exception).
   */
  public static <T> int forAll(String name, Function<SplittableRandom, T> generator, Consumer<T> property) {
    return forAll(name, tries(), baseSeed(), generator, property);
  }

  /**
   * As {@link #forAll(String, Function, Consumer)} with a property's own default number of tries
   * ({@code -Dtandem.tries} still overrides it), for properties whose tries are expensive.
   */
  public static <T> int forAll(String name, int defaultTries, Function<SplittableRandom, T> generator,
      Consumer<T> property) {
    return forAll(name, Integer.getInteger("tandem.tries", defaultTries), baseSeed(), generator, property);
  }

  public static <T> int forAll(String name, int tries, long baseSeed, Function<SplittableRandom, T> generator,
      Consumer<T> property) {
    for (int i = 0; i < tries; i++) {
      long seed = baseSeed + i;
      T input = generator.apply(new SplittableRandom(seed));
      try {
        property.accept(input);
      } catch (Throwable failure) {
        throw new AssertionError("property '" + name + "' failed at try " + (i + 1) + " of " + tries
            + "\n  seed: " + seed + "   (rerun: -Dtandem.seed=" + seed + " -Dtandem.tries=1)"
            + "\n  input: " + input
            + "\n  failure: " + failure.getMessage(), failure);
      }
    }
    return tries;
  }
}
