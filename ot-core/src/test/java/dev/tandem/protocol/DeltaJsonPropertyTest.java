package dev.tandem.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.PropertyCheck;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Round trip over random deltas with random attributes, {@link PropertyCheck#tries()} tries (10,000
 * in CI). A failure prints its seed; rerun with {@code -Dtandem.seed=S -Dtandem.tries=1}.
 */
class DeltaJsonPropertyTest {
  private static final String[] TEXT = {"a", "b", " ", "\n", "\"", "\\", "\u0000", "\u001f", "\uD83D\uDE00"};
  private static final String[] KEYS = {"bold", "italic", "link", "header", "align", "x-custom"};

  @Test
  void roundTripIsExact() {
    PropertyCheck.forAll("DeltaJson round trip", DeltaJsonPropertyTest::delta, d -> {
      String json = DeltaJson.write(d);
      Delta parsed = DeltaJson.parse(json);
      assertThat(parsed).as("parse(write(d)) for %s, json %s", d, json).isEqualTo(d);
      assertThat(DeltaJson.write(parsed)).isEqualTo(json);
      assertThat(DeltaJson.fromTree(DeltaJson.toTree(d))).isEqualTo(d);
    });
  }

  static Delta delta(SplittableRandom r) {
    Delta.Builder b = Delta.builder();
    int steps = r.nextInt(9);
    for (int i = 0; i < steps; i++) {
      switch (r.nextInt(3)) {
        case 0 -> b.insert(text(r), attributes(r, false));
        case 1 -> b.retain(1 + r.nextInt(50), attributes(r, true));
        default -> b.delete(1 + r.nextInt(50));
      }
    }
    return b.build();
  }

  private static String text(SplittableRandom r) {
    StringBuilder sb = new StringBuilder();
    int n = 1 + r.nextInt(6);
    for (int i = 0; i < n; i++) {
      sb.append(TEXT[r.nextInt(TEXT.length)]);
    }
    return sb.toString();
  }

  private static Attributes attributes(SplittableRandom r, boolean allowNull) {
    Attributes.Builder b = Attributes.builder();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      String key = KEYS[r.nextInt(KEYS.length)];
      Object value = switch (r.nextInt(allowNull ? 5 : 4)) {
        case 0 -> "v" + r.nextInt(100);
        case 1 -> r.nextBoolean();
        case 2 -> r.nextLong();
        case 3 -> r.nextDouble() * 1e6 - 5e5;
        default -> null;
      };
      b.put(key, value);
    }
    return b.build();
  }
}
