package dev.tandem.ot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Latin1Test {

  @Test
  void shortAndLongStringsAreJudgedAlike() {
    for (int repeat : new int[] {1, Latin1.BULK}) {
      assertThat(Latin1.covers("plain ascii\n".repeat(repeat))).isTrue();
      assertThat(Latin1.covers("caf\u00e9 \u00ff".repeat(repeat))).isTrue();
      assertThat(Latin1.covers("a?b".repeat(repeat))).isTrue(); // a real '?' is not a replaced char
      assertThat(Latin1.covers("x".repeat(repeat) + "\u0100")).isFalse();
      assertThat(Latin1.covers("\u20ac" + "x".repeat(repeat))).isFalse();
      assertThat(Latin1.covers("x".repeat(repeat) + "\uD83D\uDE00")).isFalse(); // a pair
      assertThat(Latin1.covers("x".repeat(repeat) + "\uDE00")).isFalse(); // a lone low surrogate
    }
    assertThat(Latin1.covers("")).isTrue();
  }

  /** The bulk path gives exactly the loop's answer, which for well-formed text is UTF-8's size. */
  @Test
  void utf8LengthIsTheEncodedSizeOfWellFormedText() {
    PropertyCheck.forAll("utf8Length", 200, r -> {
      StringBuilder sb = new StringBuilder();
      int n = r.nextInt(2) == 0 ? r.nextInt(50) : Latin1.BULK + r.nextInt(5_000);
      int kinds = 1 + r.nextInt(4); // 1: ASCII only, 2: Latin-1, 3: BMP, 4: with pairs
      for (int i = 0; i < n; i++) {
        switch (r.nextInt(kinds)) {
          case 0 -> sb.append((char) (0x20 + r.nextInt(0x5f)));
          case 1 -> sb.append((char) (0xa0 + r.nextInt(0x60)));
          case 2 -> sb.append((char) (0x100 + r.nextInt(0xd700)));
          default -> sb.appendCodePoint(0x10000 + r.nextInt(0xfffff));
        }
      }
      return sb.toString();
    }, s -> {
      assertThat(Latin1.utf8Length(s)).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
      assertThat(Latin1.covers(s)).isEqualTo(s.chars().allMatch(c -> c <= 0xff));
    });
  }

  @Test
  void anUnpairedSurrogateCountsTwoBytesAsBefore() {
    String s = "x".repeat(Latin1.BULK) + "\uD800";
    assertThat(Latin1.utf8Length(s)).isEqualTo(Latin1.BULK + 2);
    assertThat(Latin1.utf8Length("\uDC00")).isEqualTo(2);
  }
}
