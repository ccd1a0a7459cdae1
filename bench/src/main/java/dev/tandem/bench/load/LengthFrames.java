package dev.tandem.bench.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tandem.ot.Delta;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The load client's reader for the two frames it receives by the thousand, {@code ack} and
 * {@code ops}: one pass of Jackson's streaming parser that keeps only what a length-tracking
 * client needs (revisions, seq, and each op's shape: retain/delete lengths and inserted text,
 * attributes skipped since they change no length). Frames of any other type, or of an
 * unexpected shape, are left to {@code MessageCodec.decodeServer} (null here).
 *
 * <p>Why: with 32 clients every committed op reaches 31 of them, so the generator decodes each op
 * ~31 times while the server encodes it once; through a Jackson tree and the full protocol
 * validation that made the generator use more CPU per op than the server it measures, on a
 * machine they share. Thread-safe (the factory is immutable; a parser per call).
 */
final class LengthFrames {
  private static final JsonFactory FACTORY = new JsonFactory();

  private LengthFrames() {}

  /** An {@code ack}. */
  record Ack(long seq, long rev) {}

  /** One op of an {@code ops} frame: its revision and its shape (attributes dropped). */
  record RemoteOp(long rev, Delta shape) {}

  /** An {@code ack}, a {@code List<RemoteOp>} for an {@code ops} frame, or null (decode it fully). */
  static Object read(String frame) {
    if (!frame.startsWith("{\"type\":\"ack\"") && !frame.startsWith("{\"type\":\"ops\"")) {
      return null;
    }
    try (JsonParser p = FACTORY.createParser(frame)) {
      p.nextToken(); // START_OBJECT
      p.nextToken(); // "type"
      p.nextToken();
      String type = p.getText();
      if (type.equals("ack")) {
        long seq = -1;
        long rev = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          switch (name) {
            case "seq" -> seq = p.getLongValue();
            case "rev" -> rev = p.getLongValue();
            default -> p.skipChildren();
          }
        }
        return seq > 0 && rev > 0 ? new Ack(seq, rev) : null;
      }
      if (p.nextToken() != JsonToken.FIELD_NAME || !"ops".equals(p.currentName())
          || p.nextToken() != JsonToken.START_ARRAY) {
        return null;
      }
      List<RemoteOp> ops = new ArrayList<>(4);
      while (p.nextToken() == JsonToken.START_OBJECT) {
        long rev = -1;
        Delta shape = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken value = p.nextToken();
          if (name.equals("rev")) {
            rev = p.getLongValue();
          } else if (name.equals("delta") && value == JsonToken.START_OBJECT) {
            shape = shape(p);
          } else {
            p.skipChildren();
          }
        }
        if (rev < 1 || shape == null) {
          return null;
        }
        ops.add(new RemoteOp(rev, shape));
      }
      return ops.isEmpty() ? null : ops;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** {@code {"ops":[...]}} after its START_OBJECT, as lengths; null if not plain. */
  private static Delta shape(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.FIELD_NAME || !"ops".equals(p.currentName())
        || p.nextToken() != JsonToken.START_ARRAY) {
      return null;
    }
    Delta.Builder b = Delta.builder();
    while (p.nextToken() == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "insert" -> b.insert(p.getText());
          case "retain" -> b.retain(p.getIntValue());
          case "delete" -> b.delete(p.getIntValue());
          default -> p.skipChildren();
        }
      }
    }
    return p.nextToken() == JsonToken.END_OBJECT ? b.build() : null;
  }
}
