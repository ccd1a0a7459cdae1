package dev.tandem.ot;

import java.nio.charset.StandardCharsets;

/**
 * Whole-string checks for texts of up to a room's 10 MB that stay fast on a string's first pass.
 *
 * <p>Why: the join path scans a 10 MB document several times (surrogate checks, the frame's UTF-8
 * size), each scan a per-char loop in a method called once or twice per document. Such a loop runs
 * interpreted or in C1's profiling code until the JIT catches up; in the desktop app's "open a
 * 10 MB file" measurement each of these scans took 100–200 ms of a 2.5 s open. The JDK's own
 * String copies and comparisons are intrinsics (vectorised, compiled long before), so answering
 * from them costs a few milliseconds even on a first call.
 *
 * <p>Stateless and thread-safe.
 */
public final class Latin1 {
  private Latin1() {}

  /** Below this length a plain loop is cheaper than the copies {@link #covers} makes. */
  static final int BULK = 1 << 14;

  /**
   * True if every char of {@code s} is below U+0100 — then {@code s} holds no surrogate, paired or
   * not. Callers use it only as a shortcut: on false they scan char by char, so a false answer
   * costs time, never correctness.
   */
  public static boolean covers(String s) {
    int n = s.length();
    if (n < BULK) {
      for (int i = 0; i < n; i++) {
        if (s.charAt(i) > 0xff) {
          return false;
        }
      }
      return true;
    }
    // Encoding to ISO-8859-1 turns every char above U+00FF into '?'; decoding back gives a compact
    // (Latin-1) string, which equals s only if nothing was replaced. All three steps are intrinsics.
    return new String(s.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1).equals(s);
  }

  /**
   * Bytes {@code s} takes in UTF-8 (a surrogate pair 4, an unpaired surrogate counted as 2 bytes per
   * char: an upper bound for transports that replace it), without a per-char loop for long Latin-1
   * strings.
   */
  public static long utf8Length(String s) {
    if (s.length() >= BULK && covers(s)) {
      return s.getBytes(StandardCharsets.UTF_8).length; // exact: no surrogates in a Latin-1 string
    }
    long bytes = s.length();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        // 2 bytes below U+0800, 3 for other BMP chars; a surrogate pair is 4 bytes = 2 + 2.
        bytes += c < 0x800 ? 1 : Character.isSurrogate(c) ? 1 : 2;
      }
    }
    return bytes;
  }
}
