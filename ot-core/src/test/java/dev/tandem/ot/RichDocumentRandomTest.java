package dev.tandem.ot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Applies seeded random changes to a {@link RichDocument} with tiny nodes (leaves of 8 code units,
 * branches of 4 or 7 children) and to a plain document {@link Delta}, and compares them after every
 * step. Documents grow to hundreds of characters, so leaves and branches split, merge and even
 * out, and the root grows and shrinks. A failure names the seed and the step.
 */
class RichDocumentRandomTest {
  private static final List<Attributes> INSERT_FORMATS = List.of(
      Attributes.EMPTY, Attributes.EMPTY, Attributes.EMPTY,
      Attributes.of("bold", true), Attributes.of("italic", true),
      Attributes.of("bold", true, "link", "https://x"));
  private static final List<Attributes> RETAIN_FORMATS = List.of(
      Attributes.of("bold", true), Attributes.of("bold", null), Attributes.of("italic", true),
      Attributes.of("italic", null, "bold", true), Attributes.of("header", 2),
      Attributes.of("header", null), Attributes.of("link", "https://y"));
  private static final String ALPHABET = "abcdefghij \n\n";

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 42, 1234, 99991, 31337})
  void applyMatchesDeltaApply(long seed) {
    Random random = new Random(seed);
    Delta expected = randomDocument(random, random.nextInt(300));
    // Odd seeds: branches of 4; even seeds: 7, where merging a pair can overflow one branch.
    RichDocument doc = RichDocument.of(expected, 8, seed % 2 == 1 ? 4 : 7);
    for (int step = 0; step < 400; step++) {
      Delta change = randomChange(random, expected.length());
      String context = "seed " + seed + ", step " + step + ", change " + change;
      try {
        expected = expected.apply(change);
        doc.apply(change);
        doc.checkInvariants();
        assertThat(doc.toDelta()).as(context).isEqualTo(expected);
        checkLookups(random, doc, expected, context);
      } catch (RuntimeException e) {
        throw new AssertionError(context, e);
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {101, 102, 103, 104, 105})
  void insertAndDeleteMatchStringBuilder(long seed) {
    Random random = new Random(seed);
    RichDocument doc = new RichDocument(8, seed % 2 == 1 ? 4 : 7);
    StringBuilder expected = new StringBuilder();
    for (int step = 0; step < 3000; step++) {
      String context = "seed " + seed + ", step " + step;
      // Mostly local typing near a moving caret, as in an editing trace; sometimes a jump.
      int length = expected.length();
      boolean grow = length < 50 || (length < 2000 && random.nextInt(3) > 0);
      int pos = random.nextInt(length + 1);
      if (grow) {
        String text = randomText(random, random.nextInt(10) == 0 ? 40 : 1 + random.nextInt(3));
        doc.insert(pos, text, Attributes.EMPTY);
        expected.insert(pos, text);
      } else if (pos < length) {
        int n = Math.min(length - pos, random.nextInt(10) == 0 ? 100 : 1 + random.nextInt(3));
        doc.delete(pos, n);
        expected.delete(pos, pos + n);
      }
      doc.checkInvariants();
      assertThat(doc.text()).as(context).isEqualTo(expected.toString());
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {7, 8, 9})
  void failedApplyLeavesDocumentUnchanged(long seed) {
    Random random = new Random(seed);
    Delta original = randomDocument(random, 200);
    RichDocument doc = RichDocument.of(original, 8, 4);
    for (int i = 0; i < 50; i++) {
      Delta tooLong = randomChange(random, original.length()).concat(
          Delta.builder().retain(original.length(), Attributes.of("bold", true)).delete(1).build());
      if (tooLong.baseLength() <= original.length()) {
        continue;
      }
      assertThatThrownBy(() -> doc.apply(tooLong)).as("seed %d: %s", seed, tooLong)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(String.valueOf(tooLong.baseLength()));
      assertThat(doc.toDelta()).as("seed %d", seed).isEqualTo(original);
    }
    doc.checkInvariants();
  }

  static void checkLookups(Random random, RichDocument doc, Delta expected, String context) {
    String text = expected.plainText();
    assertThat(doc.length()).as(context).isEqualTo(text.length());
    assertThat(doc.text()).as(context).isEqualTo(text);
    int newlines = (int) text.chars().filter(c -> c == '\n').count();
    assertThat(doc.paragraphCount()).as(context).isEqualTo(newlines + 1);
    if (text.isEmpty()) {
      return;
    }
    int index = random.nextInt(text.length());
    assertThat(doc.charAt(index)).as(context).isEqualTo(text.charAt(index));
    assertThat(doc.attributesAt(index)).as(context)
        .isEqualTo(expected.slice(index, index + 1).ops().getFirst().attributes());
    int paragraph = (int) text.substring(0, index).chars().filter(c -> c == '\n').count();
    assertThat(doc.paragraphOf(index)).as(context).isEqualTo(paragraph);
    int start = text.lastIndexOf('\n', index - 1) + 1;
    assertThat(doc.paragraphStart(paragraph)).as(context).isEqualTo(start);
    int end = text.indexOf('\n', index);
    Attributes block = end < 0 ? Attributes.EMPTY : expected.slice(end, end + 1).ops().getFirst().attributes();
    assertThat(doc.paragraphAttributes(paragraph)).as(context).isEqualTo(block);
    int sliceEnd = index + random.nextInt(text.length() - index + 1);
    assertThat(doc.slice(index, sliceEnd)).as(context).isEqualTo(expected.slice(index, sliceEnd));
  }

  static Delta randomDocument(Random random, int length) {
    Delta.Builder builder = Delta.builder();
    int made = 0;
    while (made < length) {
      int n = Math.min(length - made, 1 + random.nextInt(20));
      builder.insert(randomText(random, n), pick(random, INSERT_FORMATS));
      made += n;
    }
    return builder.build();
  }

  /** A change for a document of {@code length}: a few ops, sometimes large, keeping it under ~800. */
  static Delta randomChange(Random random, int length) {
    Delta.Builder builder = Delta.builder();
    int left = length;
    int ops = 1 + random.nextInt(4);
    for (int i = 0; i < ops; i++) {
      int kind = random.nextInt(10);
      boolean big = random.nextInt(8) == 0;
      if (kind < 3) {
        int n = big ? 1 + random.nextInt(length > 600 ? 20 : 150) : 1 + random.nextInt(4);
        builder.insert(randomText(random, n), pick(random, INSERT_FORMATS));
      } else if (kind < 5 && left > 0) {
        int n = 1 + random.nextInt(big ? left : Math.min(left, 6));
        builder.delete(n);
        left -= n;
      } else if (left > 0) {
        int n = 1 + random.nextInt(big ? left : Math.min(left, 30));
        builder.retain(n, random.nextBoolean() ? Attributes.EMPTY : pick(random, RETAIN_FORMATS));
        left -= n;
      }
    }
    return builder.build();
  }

  private static String randomText(Random random, int n) {
    char[] chars = new char[n];
    for (int i = 0; i < n; i++) {
      chars[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    }
    return new String(chars);
  }

  private static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
