package dev.tandem.server.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.protocol.DeltaJson;
import dev.tandem.protocol.MessageCodec;
import dev.tandem.protocol.Values.CommittedOp;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The streaming writers produce exactly the reference codec's text, for any delta. */
class StreamingDeltaJsonTest {
  private static final long SEED = Long.getLong("tandem.seed", System.nanoTime());

  @Test
  void sameTextAsTheReferenceCodecForRandomDeltas() {
    System.out.println("StreamingDeltaJsonTest seed: " + SEED + " (rerun with -Dtandem.seed=" + SEED + ")");
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < 5_000; i++) {
      Delta delta = randomDelta(random);
      long rev = random.nextLong(1, Long.MAX_VALUE);
      long seq = random.nextLong(1, Long.MAX_VALUE);
      String clientId = randomText(random, 1, 30);
      assertThat(StreamingDeltaJson.delta(delta)).as("seed %d, case %d", SEED, i)
          .isEqualTo(DeltaJson.write(delta));
      assertThat(StreamingDeltaJson.committedOp(rev, clientId, seq, delta)).as("seed %d, case %d", SEED, i)
          .isEqualTo(MessageCodec.encodeCommittedOp(new CommittedOp(rev, clientId, seq, delta)));
    }
  }

  /** Typing's deltas (nothing to escape, no fractions) take {@link PlainJson}: the same text. */
  @Test
  void plainDeltasTakeTheFastPathWithTheSameText() {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    for (int i = 0; i < 5_000; i++) {
      Delta.Builder b = Delta.builder();
      int n = random.nextInt(0, 6);
      for (int k = 0; k < n; k++) {
        switch (random.nextInt(3)) {
          case 0 -> b.insert(plainText(random, 1, 20), plainAttributes(random, false));
          case 1 -> b.retain(random.nextInt(1, 100_000), plainAttributes(random, true));
          default -> b.delete(random.nextInt(1, 1000));
        }
      }
      Delta delta = b.build();
      long rev = random.nextLong(1, Long.MAX_VALUE);
      long seq = random.nextLong(1, Long.MAX_VALUE);
      String clientId = plainText(random, 1, 26);
      assertThat(PlainJson.delta(delta)).as("seed %d, case %d", SEED, i).isEqualTo(DeltaJson.write(delta));
      assertThat(PlainJson.committedOp(rev, clientId, seq, delta)).as("seed %d, case %d", SEED, i)
          .isEqualTo(MessageCodec.encodeCommittedOp(new CommittedOp(rev, clientId, seq, delta)));
    }
  }

  private static Attributes plainAttributes(SplittableRandom random, boolean nulls) {
    Attributes.Builder a = Attributes.builder();
    int n = random.nextInt(0, 3);
    for (int j = 0; j < n; j++) {
      a.put(plainText(random, 1, 8), switch (random.nextInt(nulls ? 4 : 3)) {
        case 0 -> random.nextBoolean();
        case 1 -> random.nextLong();
        case 2 -> plainText(random, 0, 10);
        default -> null;
      });
    }
    return a.build();
  }

  private static String plainText(SplittableRandom random, int min, int max) {
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(min, max + 1);
    for (int i = 0; i < n; i++) {
      switch (random.nextInt(5)) {
        case 0 -> s.append("😀/");
        case 1 -> s.append((char) random.nextInt(0x80, 0xD800));
        default -> s.append((char) random.nextInt(0x23, 0x5c)); // printable ASCII between '"' and '\\'
      }
    }
    return s.toString();
  }

  @Test
  void theEmptyDeltaAndEscapes() {
    assertThat(StreamingDeltaJson.delta(Delta.EMPTY)).isEqualTo(DeltaJson.write(Delta.EMPTY));
    Delta tricky = Delta.builder().retain(2, Attributes.of("link", null))
        .insert("\"quote\" \\ \n\t\u0001 é 😀 \uD800", Attributes.of("size", 0.1, "n", -3L)).delete(4).build();
    assertThat(StreamingDeltaJson.delta(tricky)).isEqualTo(DeltaJson.write(tricky));
  }

  private static Delta randomDelta(SplittableRandom random) {
    Delta.Builder b = Delta.builder();
    int n = random.nextInt(0, 8);
    for (int i = 0; i < n; i++) {
      switch (random.nextInt(3)) {
        case 0 -> b.insert(randomText(random, 1, 20), randomAttributes(random, false));
        case 1 -> b.retain(random.nextInt(1, 1000), randomAttributes(random, true));
        default -> b.delete(random.nextInt(1, 1000));
      }
    }
    return b.build();
  }

  private static Attributes randomAttributes(SplittableRandom random, boolean nulls) {
    Attributes.Builder a = Attributes.builder();
    int n = random.nextInt(0, 4);
    for (int i = 0; i < n; i++) {
      String key = new String[] {"bold", "author", "size", "header", "link", "çolor"}[random.nextInt(6)];
      a.put(key, switch (random.nextInt(nulls ? 5 : 4)) {
        case 0 -> random.nextBoolean();
        case 1 -> random.nextLong();
        case 2 -> random.nextDouble() * Math.pow(10, random.nextInt(-5, 25));
        case 3 -> randomText(random, 0, 10);
        default -> null;
      });
    }
    return a.build();
  }

  private static String randomText(SplittableRandom random, int min, int max) {
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(min, max + 1);
    for (int i = 0; i < n; i++) {
      switch (random.nextInt(7)) {
        case 0 -> s.append("😀");
        case 1 -> s.append((char) random.nextInt(0, 0x20));
        case 2 -> s.append((char) random.nextInt(0x80, 0xD800));
        case 3 -> s.append("\"\\/");
        default -> s.append((char) random.nextInt(0x20, 0x7f));
      }
    }
    return s.toString();
  }
}
