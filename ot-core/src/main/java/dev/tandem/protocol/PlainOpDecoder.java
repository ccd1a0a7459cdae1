package dev.tandem.protocol;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Op;
import dev.tandem.protocol.ClientMessage.Submit;

/**
 * The fastest path for the frame a server receives by the thousand, {@code op}, as clients write
 * it: compact JSON, fields in the order {@code type, base, seq, delta}, strings without escapes.
 * One pass over the frame's chars straight into a {@link Submit}, without a parser object (for a
 * typed edit of ~130 chars, creating and closing Jackson's parser cost as much as reading it).
 *
 * <p>Anything else steps aside (null) to {@link StreamingOpDecoder}, and from there to the tree
 * path: whitespace, another field order or field, an escape or a control character in a string,
 * a number that is not a plain integer in range, a fractional attribute value, a repeated key in
 * an op or its attributes. For the frames it takes it builds exactly what {@link
 * StreamingOpDecoder} builds (the same rules for ops and attributes as {@code
 * DeltaJson.streamDelta}: {@code StreamingOpDecoderTest}),
 * so messages and errors are the same with or without it. Stateless and thread-safe.
 */
final class PlainOpDecoder {
  private static final String PREFIX = "{\"type\":\"op\",\"base\":";
  /** Plain integers of at most this many digits fit a long and are checked against 2^53 − 1. */
  private static final int MAX_DIGITS = 16;

  private final String s;
  private final int end;
  private int p;

  private PlainOpDecoder(String frame) {
    this.s = frame;
    this.end = frame.length();
  }

  /** The op frame, or null when the other paths must decide. */
  static Submit decode(String frame) {
    if (!frame.startsWith(PREFIX)) {
      return null;
    }
    PlainOpDecoder d = new PlainOpDecoder(frame);
    d.p = PREFIX.length();
    try {
      return d.submit();
    } catch (IndexOutOfBoundsException truncated) {
      return null;
    }
  }

  private Submit submit() {
    long base = integer(0);
    if (base < 0 || !literal(",\"seq\":")) {
      return null;
    }
    long seq = integer(1);
    if (seq < 0 || !literal(",\"delta\":{\"ops\":[")) {
      return null;
    }
    Delta.Builder builder = Delta.builder();
    long totalLength = 0;
    if (s.charAt(p) == ']') {
      p++;
    } else {
      while (true) {
        Op op = op();
        if (op == null) {
          return null;
        }
        totalLength += op.length();
        if (totalLength > Integer.MAX_VALUE) {
          return null;
        }
        builder.add(op);
        char c = s.charAt(p++);
        if (c == ']') {
          break;
        }
        if (c != ',') {
          return null;
        }
      }
    }
    if (!literal("}}") || p != end) {
      return null;
    }
    return new Submit(base, seq, builder.build());
  }

  /** {@code {"insert":"…"|"retain":n|"delete":n[,"attributes":{…}]}}, in either order; null if not plain. */
  private Op op() {
    if (s.charAt(p++) != '{') {
      return null;
    }
    String kind = null;
    String text = null;
    int length = 0;
    Attributes attributes = null;
    while (true) {
      String key = string();
      if (key == null || s.charAt(p++) != ':') {
        return null;
      }
      switch (key) {
        case "insert" -> {
          if (kind != null || (text = string()) == null || text.isEmpty()
              || DeltaJson.unpairedSurrogate(text) >= 0) {
            return null;
          }
          kind = key;
        }
        case "retain", "delete" -> {
          long n = integer(1);
          if (kind != null || n < 1 || n > Integer.MAX_VALUE) {
            return null;
          }
          kind = key;
          length = (int) n;
        }
        case "attributes" -> {
          if (attributes != null || (attributes = attributes()) == null) {
            return null;
          }
        }
        default -> {
          return null;
        }
      }
      if (s.charAt(p) != ',') {
        break;
      }
      p++;
    }
    if (s.charAt(p++) != '}' || kind == null) {
      return null;
    }
    Attributes a = attributes == null ? Attributes.EMPTY : attributes;
    return switch (kind) {
      case "insert" -> a.hasRemovals() ? null : new Op.Insert(text, a);
      case "retain" -> new Op.Retain(length, a);
      default -> attributes != null ? null : new Op.Delete(length);
    };
  }

  /** {@code {"key":value,…}} of strings, booleans, nulls and plain integers; null otherwise. */
  private Attributes attributes() {
    if (s.charAt(p++) != '{') {
      return null;
    }
    Attributes.Builder b = Attributes.builder();
    if (s.charAt(p) == '}') {
      p++;
      return b.build();
    }
    int keys = 0;
    while (true) {
      String key = string();
      if (key == null || key.isEmpty() || s.charAt(p++) != ':') {
        return null;
      }
      Object value;
      char c = s.charAt(p);
      if (c == '"') {
        if ((value = string()) == null) {
          return null;
        }
      } else if (literal("true")) {
        value = Boolean.TRUE;
      } else if (literal("false")) {
        value = Boolean.FALSE;
      } else if (literal("null")) {
        value = null;
      } else if (c == '-' || c >= '0' && c <= '9') {
        value = signedInteger();
      } else {
        return null;
      }
      if (value == NOT_PLAIN) {
        return null;
      }
      b.put(key, value);
      keys++;
      if (s.charAt(p) != ',') {
        break;
      }
      p++;
    }
    if (s.charAt(p++) != '}') {
      return null;
    }
    Attributes built = b.build();
    return built.size() == keys ? built : null; // a repeated key: invalid JSON, the tree path says so
  }

  /** {@link #signedInteger}'s answer for a number this path leaves to the others. */
  private static final Object NOT_PLAIN = new Object();

  /** A string without escapes or control characters; null for anything else. */
  private String string() {
    if (s.charAt(p) != '"') {
      return null;
    }
    int start = ++p;
    while (true) {
      char c = s.charAt(p);
      if (c == '"') {
        return s.substring(start, p++);
      }
      if (c == '\\' || c < 0x20) {
        return null;
      }
      p++;
    }
  }

  /** An attribute's integer: a long as Jackson reads one (INT or LONG), else {@link #NOT_PLAIN}. */
  private Object signedInteger() {
    boolean negative = s.charAt(p) == '-';
    if (negative) {
      p++;
    }
    long v = integer(0);
    return v < 0 ? NOT_PLAIN : Long.valueOf(negative ? -v : v);
  }

  /**
   * A plain non-negative integer (no sign, fraction, exponent or leading zero) in [min, 2^53 − 1],
   * as {@code StreamingOpDecoder.integer}; −1 otherwise.
   */
  private long integer(long min) {
    int start = p;
    long v = 0;
    while (p < end) {
      char c = s.charAt(p);
      if (c < '0' || c > '9') {
        break;
      }
      v = v * 10 + (c - '0');
      p++;
    }
    int digits = p - start;
    if (digits == 0 || digits > MAX_DIGITS || digits > 1 && s.charAt(start) == '0') {
      return -1;
    }
    if (p < end) {
      char c = s.charAt(p);
      if (c == '.' || c == 'e' || c == 'E') {
        return -1;
      }
    }
    return v >= min && v <= Protocol.MAX_SAFE_INTEGER ? v : -1;
  }

  /** Consumes {@code text} if it comes next. */
  private boolean literal(String text) {
    if (s.startsWith(text, p)) {
      p += text.length();
      return true;
    }
    return false;
  }
}
