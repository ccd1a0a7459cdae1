package dev.tandem.app.testing;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The seeded property runner of ot-core's tests ({@code dev.tandem.ot.PropertyCheck}), for this
 * module (test sources are not shared between modules). Each try draws from a
 * {@link SplittableRandom} seeded with {@code seed + try}; a failure prints the seed that
 * regenerates its input. {@code -Dtandem.seed=S -Dtandem.tries=N} reruns one.
 */
public final class PropertyCheck {
  private PropertyCheck() {}

  public static <T> int forAll(String name, int defaultTries, Function<SplittableRandom, T> generator,
      Consumer<T> property) {
    int tries = Integer.getInteger("tandem.tries", defaultTries);
    String fixed = System.getProperty("tandem.seed");
    long base = fixed == null || fixed.isBlank() ? new SplittableRandom().nextLong() : Long.parseLong(fixed.trim());
    for (int i = 0; i < tries; i++) {
      long seed = base + i;
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
