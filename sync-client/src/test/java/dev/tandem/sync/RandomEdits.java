package dev.tandem.sync;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import java.util.Random;

/** Seeded random local edits on a document of a given length (never touching the final "\n"). */
public final class RandomEdits {
  private static final String[] WORDS = {"a", "bc", "def ", " ", "\n", "xyz", "é", "Q "};
  private static final Attributes[] FORMATS = {
      Attributes.of("bold", true), Attributes.of("italic", true), Attributes.of("bold", null),
      Attributes.of("header", 1), Attributes.of("link", "https://x.example")};

  private RandomEdits() {}

  /** An insert, delete or format on a document of {@code length} (≥ 1, ends with "\n"). */
  public static Delta next(Random random, int length) {
    int editable = length - 1;
    int kind = random.nextInt(10);
    if (editable == 0 || kind < 5) {
      int at = random.nextInt(editable + 1);
      String text = WORDS[random.nextInt(WORDS.length)];
      Delta.Builder b = Delta.builder().retain(at);
      return random.nextInt(4) == 0 ? b.insert(text, Attributes.of("italic", true)).build()
          : b.insert(text).build();
    }
    int at = random.nextInt(editable);
    int n = 1 + random.nextInt(Math.min(4, editable - at));
    if (kind < 8) {
      return Delta.builder().retain(at).delete(n).build();
    }
    Attributes format = FORMATS[random.nextInt(FORMATS.length)];
    if (format.containsKey("header")) {
      // block attribute: on the paragraph's "\n" (any char works for the algebra)
      return Delta.builder().retain(at).retain(1, format).build();
    }
    return Delta.builder().retain(at).retain(n, format).build();
  }
}
