package dev.tandem.server.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Op;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The server's hot-path JSON writers: a delta, and a committed op as it appears in {@code ops}
 * frames, written straight to text by a streaming generator instead of building a Jackson tree
 * first (the tree cost more than the text on every committed op, twice: once for storage, once
 * for the broadcast). The output is exactly that of {@code DeltaJson.write} and
 * {@code MessageCodec.encodeCommittedOp} (same fields, same order, same escaping and number
 * forms), which {@code StreamingDeltaJsonTest} checks on random deltas; those stay the reference
 * and the readers.
 *
 * <p>Deltas whose strings need no escaping and whose attributes hold no fractional numbers (what
 * typing makes) are written by {@link PlainJson} without a generator; the rest by Jackson's.
 *
 * <p>Thread-safe: the factory is immutable and each call has its own generator and buffer.
 */
public final class StreamingDeltaJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private StreamingDeltaJson() {}

  /** {@code {"ops":[...]}}, as {@code DeltaJson.write(delta)}. */
  public static String delta(Delta delta) {
    String plain = PlainJson.delta(delta);
    if (plain != null) {
      return plain;
    }
    StringBuilderWriter out = new StringBuilderWriter(32 + 24 * delta.ops().size());
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      writeDelta(g, delta);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen: writing to memory", e);
    }
    return out.toString();
  }

  /**
   * {@code {"rev":…,"clientId":…,"seq":…,"delta":{"ops":[...]}}}, as
   * {@code MessageCodec.encodeCommittedOp(new CommittedOp(rev, clientId, seq, delta))}.
   */
  public static String committedOp(long rev, String clientId, long seq, Delta delta) {
    String plain = PlainJson.committedOp(rev, clientId, seq, delta);
    if (plain != null) {
      return plain;
    }
    StringBuilderWriter out = new StringBuilderWriter(80 + 24 * delta.ops().size());
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("rev", rev);
      g.writeStringField("clientId", clientId);
      g.writeNumberField("seq", seq);
      g.writeFieldName("delta");
      writeDelta(g, delta);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen: writing to memory", e);
    }
    return out.toString();
  }

  private static void writeDelta(JsonGenerator g, Delta delta) throws IOException {
    g.writeStartObject();
    g.writeArrayFieldStart("ops");
    for (Op op : delta) {
      g.writeStartObject();
      switch (op) {
        case Op.Insert ins -> g.writeStringField("insert", ins.text());
        case Op.Retain ret -> g.writeNumberField("retain", ret.length());
        case Op.Delete del -> g.writeNumberField("delete", del.length());
      }
      if (!op.attributes().isEmpty()) {
        g.writeFieldName("attributes");
        writeAttributes(g, op.attributes());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeAttributes(JsonGenerator g, Attributes attributes) throws IOException {
    g.writeStartObject();
    for (Map.Entry<String, Object> e : attributes.asMap().entrySet()) {
      g.writeFieldName(e.getKey());
      switch (e.getValue()) {
        case null -> g.writeNull();
        case String s -> g.writeString(s);
        case Boolean b -> g.writeBoolean(b);
        case Long l -> g.writeNumber(l);
        case Double d -> g.writeNumber(d);
        default -> throw new IllegalStateException("Attributes holds only String, Boolean, Long, "
            + "Double or null, found " + e.getValue().getClass().getName());
      }
    }
    g.writeEndObject();
  }

  /** An unsynchronized {@link java.io.Writer} into a StringBuilder (StringWriter locks per write). */
  private static final class StringBuilderWriter extends java.io.Writer {
    private final StringBuilder text;

    StringBuilderWriter(int capacity) {
      text = new StringBuilder(capacity);
    }

    @Override
    public void write(char[] buffer, int offset, int length) {
      text.append(buffer, offset, length);
    }

    @Override
    public void write(String s, int offset, int length) {
      text.append(s, offset, offset + length);
    }

    @Override
    public void write(int c) {
      text.append((char) c);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
      return text.toString();
    }
  }
}
