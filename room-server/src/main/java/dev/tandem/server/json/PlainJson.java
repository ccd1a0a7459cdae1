package dev.tandem.server.json;

import dev.tandem.ot.Delta;
import dev.tandem.ot.Op;
import java.util.Map;

/**
 * {@link StreamingDeltaJson}'s fast path: appends the JSON of a delta or committed op to a
 * StringBuilder directly, when every string in it (clientId, inserted text, attribute keys and
 * string values) needs no escaping (no {@code "}, no backslash, no control character; Jackson
 * escapes nothing else by default) and every attribute value is a string, a boolean, a whole
 * number or null (Jackson's double formatting is left to Jackson). Anything else returns null and
 * the caller uses the generator, so the text is always exactly Jackson's ({@code
 * StreamingDeltaJsonTest} compares both on random deltas, escapes and numbers included).
 *
 * <p>Stateless and thread-safe.
 */
final class PlainJson {
  private PlainJson() {}

  /** As {@link StreamingDeltaJson#committedOp}, or null when not plain. */
  static String committedOp(long rev, String clientId, long seq, Delta delta) {
    if (!plain(clientId)) {
      return null;
    }
    StringBuilder out = new StringBuilder(80 + 40 * delta.ops().size());
    out.append("{\"rev\":").append(rev).append(",\"clientId\":\"").append(clientId)
        .append("\",\"seq\":").append(seq).append(",\"delta\":");
    return appendDelta(out, delta) ? out.append('}').toString() : null;
  }

  /** As {@link StreamingDeltaJson#delta}, or null when not plain. */
  static String delta(Delta delta) {
    StringBuilder out = new StringBuilder(16 + 40 * delta.ops().size());
    return appendDelta(out, delta) ? out.toString() : null;
  }

  private static boolean appendDelta(StringBuilder out, Delta delta) {
    out.append("{\"ops\":[");
    boolean first = true;
    for (Op op : delta) {
      if (!first) {
        out.append(',');
      }
      first = false;
      switch (op) {
        case Op.Insert ins -> {
          if (!plain(ins.text())) {
            return false;
          }
          out.append("{\"insert\":\"").append(ins.text()).append('"');
        }
        case Op.Retain ret -> out.append("{\"retain\":").append(ret.length());
        case Op.Delete del -> out.append("{\"delete\":").append(del.length());
      }
      if (!op.attributes().isEmpty() && !appendAttributes(out, op.attributes().asMap())) {
        return false;
      }
      out.append('}');
    }
    out.append("]}");
    return true;
  }

  private static boolean appendAttributes(StringBuilder out, Map<String, Object> attributes) {
    out.append(",\"attributes\":{");
    boolean first = true;
    for (Map.Entry<String, Object> e : attributes.entrySet()) {
      if (!plain(e.getKey())) {
        return false;
      }
      if (!first) {
        out.append(',');
      }
      first = false;
      out.append('"').append(e.getKey()).append("\":");
      switch (e.getValue()) {
        case null -> out.append("null");
        case String s when plain(s) -> out.append('"').append(s).append('"');
        case Boolean b -> out.append(b.booleanValue());
        case Long l -> out.append(l.longValue());
        default -> {
          return false; // a string to escape, a double, or something Jackson would refuse
        }
      }
    }
    out.append('}');
    return true;
  }

  /** True when Jackson writes {@code s} between quotes unchanged. */
  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }
}
