package dev.tandem.server.store.sqlite;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.DocumentRuns;
import dev.tandem.ot.Latin1;
import dev.tandem.ot.Op;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The compact encoding of a snapshot (schema version 2, column {@code snapshots.document}): the
 * document's whole text once, then its attribute runs, so that loading a large room reads one
 * string and a few thousand small numbers instead of tokenizing ~1 MB of JSON.
 *
 * <pre>
 *   byte      FORMAT (2)
 *   string    the document's text (every insert concatenated)
 *   varint    A, the number of distinct attribute sets; then A sets:
 *               varint n; n × (string key, byte type, value)
 *               type 0 string (a string), 1 true, 2 false, 3 long (8 bytes), 4 double (8 bytes)
 *   varint    R, the number of runs; then R × (varint length in chars, varint attribute set index)
 *
 *   string  = byte 0, varint byte length, UTF-8 bytes
 *           | byte 1, varint byte length, UTF-16BE chars  (only for text with an unpaired
 *                                                          surrogate, which UTF-8 cannot carry)
 *   varint  = unsigned LEB128 (7 bits a byte, low first), at most 5 bytes, value ≤ 2^31 − 1
 * </pre>
 *
 * Runs are the document's inserts in order (the builder's normal form: no two adjacent runs share
 * a set), so decoding gives back an equal {@link Delta}. Decoding checks every length and index
 * and fails with {@link IllegalArgumentException} naming what is wrong, never returning a
 * different document.
 */
final class SnapshotCodec {
  static final byte FORMAT = 2;

  private static final byte UTF_8 = 0;
  private static final byte UTF_16 = 1;
  private static final byte STRING = 0;
  private static final byte TRUE = 1;
  private static final byte FALSE = 2;
  private static final byte LONG = 3;
  private static final byte DOUBLE = 4;

  private SnapshotCodec() {}

  /** Encodes a document (inserts only). */
  static byte[] encode(Delta document) {
    if (!document.isDocument()) {
      throw new IllegalArgumentException("a snapshot holds a document (inserts only)");
    }
    return encode(DocumentRuns.of(document));
  }

  /** Encodes a document in compact form (its runs are the canonical Delta's inserts). */
  static byte[] encode(DocumentRuns document) {
    String text = document.text();
    Map<Attributes, Integer> sets = new HashMap<>();
    List<Attributes> setsInOrder = new ArrayList<>();
    int[] runs = new int[document.runCount() * 2];
    int r = 0;
    for (int run = 0; run < document.runCount(); run++) {
      Attributes attributes = document.runAttributes(run);
      Integer index = sets.get(attributes);
      if (index == null) {
        index = setsInOrder.size();
        sets.put(attributes, index);
        setsInOrder.add(attributes);
      }
      runs[r++] = document.runLength(run);
      runs[r++] = index;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16 + runs.length * 3);
    out.write(FORMAT);
    writeString(out, text);
    writeVarint(out, setsInOrder.size());
    for (Attributes set : setsInOrder) {
      writeVarint(out, set.size());
      for (Map.Entry<String, Object> e : set.asMap().entrySet()) {
        writeString(out, e.getKey());
        switch (e.getValue()) {
          case String s -> {
            out.write(STRING);
            writeString(out, s);
          }
          case Boolean b -> out.write(b ? TRUE : FALSE);
          case Long l -> {
            out.write(LONG);
            writeLong(out, l);
          }
          case Double d -> {
            out.write(DOUBLE);
            writeLong(out, Double.doubleToRawLongBits(d));
          }
          default -> throw new IllegalArgumentException("attribute " + e.getKey()
              + " has a value that is not a JSON scalar: " + e.getValue());
        }
      }
    }
    writeVarint(out, r / 2);
    for (int i = 0; i < r; i++) {
      writeVarint(out, runs[i]);
    }
    return out.toByteArray();
  }

  /**
   * Decodes what {@link #encode} wrote.
   *
   * @throws IllegalArgumentException if the bytes are not such an encoding
   */
  static Delta decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      byte format = in.get();
      if (format != FORMAT) {
        throw new IllegalArgumentException("unknown snapshot format " + format);
      }
      String text = readString(in);
      int setCount = readVarint(in);
      List<Attributes> sets = new ArrayList<>(Math.min(setCount, 1 << 16));
      for (int s = 0; s < setCount; s++) {
        int n = readVarint(in);
        if (n == 0) {
          sets.add(Attributes.EMPTY);
          continue;
        }
        Attributes.Builder set = Attributes.builder();
        for (int i = 0; i < n; i++) {
          String key = readString(in);
          byte type = in.get();
          set.put(key, switch (type) {
            case STRING -> readString(in);
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case LONG -> in.getLong();
            case DOUBLE -> Double.longBitsToDouble(in.getLong());
            default -> throw new IllegalArgumentException("unknown attribute value type " + type);
          });
        }
        sets.add(set.build());
      }
      int runCount = readVarint(in);
      Delta.Builder document = Delta.builder();
      int at = 0;
      for (int i = 0; i < runCount; i++) {
        int length = readVarint(in);
        int set = readVarint(in);
        if (length < 1 || length > text.length() - at || set >= sets.size()) {
          throw new IllegalArgumentException("run " + i + " (length " + length + ", set " + set
              + ") does not fit a text of " + text.length() + " chars at " + at + " with "
              + sets.size() + " attribute sets");
        }
        document.insert(text.substring(at, at + length), sets.get(set));
        at += length;
      }
      if (at != text.length() || in.hasRemaining()) {
        throw new IllegalArgumentException("the runs cover " + at + " of " + text.length()
            + " chars, " + in.remaining() + " bytes left over");
      }
      return document.build();
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("the snapshot ends early", e);
    }
  }

  private static void writeString(ByteArrayOutputStream out, String s) {
    if (!hasUnpairedSurrogate(s)) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      out.write(UTF_8);
      writeVarint(out, bytes.length);
      out.writeBytes(bytes);
      return;
    }
    // Char by char: the JDK's UTF-16 encoder would also replace an unpaired surrogate with '?'.
    out.write(UTF_16);
    writeVarint(out, s.length() * 2);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out.write(c >>> 8);
      out.write(c);
    }
  }

  private static String readString(ByteBuffer in) {
    byte encoding = in.get();
    if (encoding != UTF_8 && encoding != UTF_16) {
      throw new IllegalArgumentException("unknown string encoding " + encoding);
    }
    int length = readVarint(in);
    if (length > in.remaining() || (encoding == UTF_16 && length % 2 != 0)) {
      throw new IllegalArgumentException("a string of " + length + " bytes where " + in.remaining() + " are left");
    }
    if (encoding == UTF_8) {
      String s = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
      in.position(in.position() + length);
      return s;
    }
    char[] chars = new char[length / 2];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = in.getChar(); // big-endian, the buffer's default
    }
    return new String(chars);
  }

  static boolean hasUnpairedSurrogate(String s) {
    if (Latin1.covers(s)) {
      return false; // the usual case, answered without a per-char loop over megabytes
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private static void writeVarint(ByteArrayOutputStream out, int value) {
    if (value < 0) {
      throw new IllegalArgumentException("negative count " + value);
    }
    while (value >= 0x80) {
      out.write((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    out.write(value);
  }

  private static int readVarint(ByteBuffer in) {
    int value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int b = in.get() & 0xff;
      value |= (b & 0x7f) << shift;
      if (b < 0x80) {
        if (value < 0 || (shift == 28 && b > 0x07)) {
          throw new IllegalArgumentException("a count out of range");
        }
        return value;
      }
    }
    throw new IllegalArgumentException("a count longer than 5 bytes");
  }

  private static void writeLong(ByteArrayOutputStream out, long v) {
    for (int i = 7; i >= 0; i--) {
      out.write((int) (v >>> (i * 8)));
    }
  }
}
