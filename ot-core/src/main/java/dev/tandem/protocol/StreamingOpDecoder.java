package dev.tandem.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tandem.ot.Delta;
import dev.tandem.protocol.ClientMessage.Submit;
import java.io.IOException;

/**
 * The fast path for the frame a server receives most, {@code op}: one pass of Jackson's streaming
 * parser straight into a {@link Submit}, without building a tree ({@link FrameReader}) first.
 *
 * <p>It accepts only frames the tree path decodes to the same message, and steps aside (null) at
 * anything else: a field other than {@code type}, {@code base}, {@code seq} and {@code delta}
 * (the tree path ignores unknown fields; this one leaves them to it), a repeated field, a number
 * that is not a plain integer in range, a delta its own fast path ({@link DeltaJson#streamDelta})
 * does not take, trailing tokens, invalid JSON. The tree path then produces the message or the
 * exact error, so errors are the same with or without this class. Stateless and thread-safe.
 */
final class StreamingOpDecoder {
  private StreamingOpDecoder() {}

  /** The op frame, or null when the tree path must decide. */
  static Submit decode(String frame) {
    try (JsonParser p = Json.MAPPER.createParser(frame)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      boolean typed = false;
      long base = -1;
      long seq = -1;
      Delta delta = null;
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "type" -> {
            if (typed || value != JsonToken.VALUE_STRING || !"op".equals(p.getText())) {
              return null;
            }
            typed = true;
          }
          case "base" -> {
            if (base >= 0 || (base = integer(p, value, 0)) < 0) {
              return null;
            }
          }
          case "seq" -> {
            if (seq >= 0 || (seq = integer(p, value, 1)) < 0) {
              return null;
            }
          }
          case "delta" -> {
            if (delta != null || value != JsonToken.START_OBJECT || (delta = DeltaJson.streamDelta(p)) == null) {
              return null;
            }
          }
          default -> {
            return null;
          }
        }
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null || !typed || base < 0 || seq < 0
          || delta == null) {
        return null;
      }
      return new Submit(base, seq, delta);
    } catch (IOException | RuntimeException e) {
      return null; // invalid JSON or a rule broken: the tree path says which
    }
  }

  /** The current integer token if it is in [min, 2^53 − 1] (as {@link FrameReader#longInt}), else −1. */
  private static long integer(JsonParser p, JsonToken token, long min) throws IOException {
    if (token != JsonToken.VALUE_NUMBER_INT) {
      return -1;
    }
    JsonParser.NumberType type = p.getNumberType();
    if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
      return -1;
    }
    long v = p.getLongValue();
    return v >= min && v <= Protocol.MAX_SAFE_INTEGER ? v : -1;
  }
}
