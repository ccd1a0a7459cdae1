package dev.tandem.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The compact snapshot form gives back an equal document for every document, and refuses bytes
 * it did not write instead of returning a different document.
 */
class SnapshotCodecTest {
  private static final long SEED = Long.getLong("tandem.seed", System.nanoTime());

  @Test
  void everyDocumentRoundTrips() {
    System.out.println("SnapshotCodecTest seed: " + SEED + " (rerun with -Dtandem.seed=" + SEED + ")");
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < 2_000; i++) {
      Delta document = randomDocument(random);
      byte[] bytes = SnapshotCodec.encode(document);
      assertThat(SnapshotCodec.decode(bytes)).as("seed %d, document %d: %s", SEED, i, document)
          .isEqualTo(document);
    }
  }

  @Test
  void textUtf8CannotCarryIsKeptExactly() {
    Delta document = Delta.builder()
        .insert("a\uD800b", Attributes.of("link", "x\uDC00"))   // unpaired surrogates
        .insert("😀é", Attributes.of("size", 1.5, "n", 7L))
        .insert("\n")
        .build();
    assertThat(SnapshotCodec.decode(SnapshotCodec.encode(document))).isEqualTo(document);
  }

  @Test
  void theEmptyDocumentIsOneByteOfTextAndOneRun() {
    Delta empty = Delta.document("\n");
    assertThat(SnapshotCodec.decode(SnapshotCodec.encode(empty))).isEqualTo(empty);
  }

  @Test
  void damagedBytesAreRefused() {
    Delta document = Delta.builder().insert("hello", Attributes.of("bold", true)).insert(" world\n").build();
    byte[] good = SnapshotCodec.encode(document);
    assertThatThrownBy(() -> SnapshotCodec.decode(Arrays.copyOf(good, good.length - 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SnapshotCodec.decode(Arrays.copyOf(good, good.length + 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("left over");
    byte[] otherFormat = good.clone();
    otherFormat[0] = 7;
    assertThatThrownBy(() -> SnapshotCodec.decode(otherFormat))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format 7");
    assertThatThrownBy(() -> SnapshotCodec.decode(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    // A run that claims more text than there is: the last byte is the last run's set index, the
    // one before it that run's length (7 chars: " world\n").
    byte[] longRun = good.clone();
    longRun[longRun.length - 2] = 9;
    assertThatThrownBy(() -> SnapshotCodec.decode(longRun))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit");
  }

  @Test
  void onlyDocumentsAreEncoded() {
    assertThatThrownBy(() -> SnapshotCodec.encode(Delta.builder().retain(1).insert("x").build()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Delta randomDocument(SplittableRandom random) {
    Delta.Builder b = Delta.builder();
    int runs = random.nextInt(0, 12);
    for (int r = 0; r < runs; r++) {
      b.insert(randomText(random), randomAttributes(random));
    }
    return b.insert("\n").build();
  }

  private static String randomText(SplittableRandom random) {
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(1, 200);
    for (int i = 0; i < n; i++) {
      switch (random.nextInt(6)) {
        case 0 -> s.append("😀");
        case 1 -> s.append((char) random.nextInt(0xD800, 0xE000)); // may be unpaired
        case 2 -> s.append((char) random.nextInt(0x80, 0x800));
        default -> s.append((char) random.nextInt(0x20, 0x7f));
      }
    }
    return s.toString();
  }

  private static Attributes randomAttributes(SplittableRandom random) {
    Attributes.Builder a = Attributes.builder();
    int n = random.nextInt(0, 4);
    for (int i = 0; i < n; i++) {
      String key = new String[] {"bold", "author", "size", "header", "link"}[random.nextInt(5)];
      a.put(key, switch (random.nextInt(4)) {
        case 0 -> random.nextBoolean();
        case 1 -> random.nextLong();
        case 2 -> random.nextDouble() * 100;
        default -> randomText(random);
      });
    }
    return a.build();
  }
}
