package dev.tandem.protocol;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Room ids, capability keys and client ids: 128 random bits written as 26 lowercase RFC 4648
 * base32 characters ({@code a-z2-7}), no padding. 26 × 5 = 130 bits, so the last character
 * carries 3 bits followed by two zero bits and is one of {@code aeimquy4}; that makes the
 * encoding of a 128-bit value unique and the validation exact: {@link #PATTERN}.
 *
 * <p>Keys are secrets: servers store only their SHA-256 hash and never log them.
 * {@link SecureRandom} is thread-safe.
 */
public final class Ids {
  private Ids() {}

  /** Exact syntax of a room id, key or client id. */
  public static final Pattern PATTERN = Pattern.compile("[a-z2-7]{25}[aeimquy4]");

  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A fresh random id (room id, key or client id). */
  public static String random() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return encode(bytes);
  }

  /** True when {@code s} is a well-formed id. Never throws. */
  public static boolean isValid(String s) {
    return s != null && s.length() == 26 && PATTERN.matcher(s).matches();
  }

  /** Base32 of exactly 16 bytes: 26 characters. */
  static String encode(byte[] bytes) {
    if (bytes.length != 16) {
      throw new IllegalArgumentException("an id is 16 bytes, not " + bytes.length);
    }
    StringBuilder sb = new StringBuilder(26);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        sb.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    // 128 = 25 × 5 + 3: three bits left, padded with two zero bits.
    sb.append(ALPHABET[(buffer << (5 - bits)) & 31]);
    return sb.toString();
  }
}
