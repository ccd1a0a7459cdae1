package dev.tandem.protocol;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.protocol.Values.Range;
import dev.tandem.protocol.Values.User;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Typed, validating access to the fields of one frame (or one nested object of it). Every getter
 * throws {@link ProtocolException} with {@link ErrorCode#BAD_FRAME} naming the field by its path
 * (e.g. {@code hello.user.color}) and what was wrong; never a NullPointerException.
 *
 * <p>Fields the reader is not asked for are ignored: unknown extra fields are allowed for forward
 * compatibility. A JSON {@code null} counts as absent for optional fields and as the wrong type
 * for required ones. Confined to the decoding call that made it.
 */
final class FrameReader {
  private final ObjectNode node;
  /** Path prefix for messages: the frame type, then nested field names. */
  private final String path;

  private FrameReader(ObjectNode node, String path) {
    this.node = node;
    this.path = path;
  }

  /**
   * Parses a frame: a JSON object with a string {@code type}.
   *
   * @throws ProtocolException INVALID_JSON, BAD_FRAME (not an object) or UNKNOWN_TYPE (no type)
   */
  static FrameReader parse(String frame) {
    if (frame == null) {
      throw new ProtocolException(ErrorCode.INVALID_JSON, "no frame (null)");
    }
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(frame);
    } catch (JacksonException e) {
      throw new ProtocolException(ErrorCode.INVALID_JSON, "invalid JSON: " + Json.describe(e), e);
    }
    if (tree == null || tree.isMissingNode()) {
      throw new ProtocolException(ErrorCode.INVALID_JSON, "invalid JSON: empty frame");
    }
    if (!(tree instanceof ObjectNode object)) {
      throw new ProtocolException(ErrorCode.BAD_FRAME, "a frame must be a JSON object, got " + Json.kind(tree));
    }
    JsonNode type = object.get("type");
    if (type == null || type.isNull()) {
      throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "the frame has no \"type\" field");
    }
    if (!type.isTextual()) {
      throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "\"type\" must be a string, got " + Json.kind(type));
    }
    return new FrameReader(object, type.textValue());
  }

  /** The frame's {@code type}. */
  String type() {
    return node.get("type").textValue();
  }

  /** Builds a record, turning its constructor's IllegalArgumentException into BAD_FRAME. */
  <T> T build(java.util.function.Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException e) {
      throw bad(path + ": " + e.getMessage());
    }
  }

  ProtocolException bad(String message) {
    return new ProtocolException(ErrorCode.BAD_FRAME, message);
  }

  private JsonNode required(String name) {
    JsonNode v = node.get(name);
    if (v == null) {
      throw bad(path + ": missing required field \"" + name + "\"");
    }
    return v;
  }

  private ProtocolException wrongType(String name, String expected, JsonNode got) {
    return bad(path + "." + name + " must be " + expected + ", got " + Json.kind(got)
        + (got.isValueNode() && !got.isNull() ? " " + abbreviate(got.toString()) : ""));
  }

  /** True when the field is present and not null. */
  boolean has(String name) {
    JsonNode v = node.get(name);
    return v != null && !v.isNull();
  }

  String string(String name) {
    JsonNode v = required(name);
    if (!v.isTextual()) {
      throw wrongType(name, "a string", v);
    }
    return v.textValue();
  }

  boolean bool(String name) {
    JsonNode v = required(name);
    if (!v.isBoolean()) {
      throw wrongType(name, "a boolean", v);
    }
    return v.booleanValue();
  }

  /** An integer in [min, 2^53 − 1]. */
  long longInt(String name, long min) {
    JsonNode v = required(name);
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min
        || v.longValue() > Protocol.MAX_SAFE_INTEGER) {
      throw wrongType(name, "an integer in " + min + ".." + Protocol.MAX_SAFE_INTEGER, v);
    }
    return v.longValue();
  }

  /** An integer in [min, 2^31 − 1]. */
  int intField(String name, int min) {
    JsonNode v = required(name);
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min) {
      throw wrongType(name, "an integer in " + min + ".." + Integer.MAX_VALUE, v);
    }
    return v.intValue();
  }

  /** Absent or null → empty. */
  OptionalLong optionalLongInt(String name, long min) {
    return has(name) ? OptionalLong.of(longInt(name, min)) : OptionalLong.empty();
  }

  /** A well-formed id ({@link Ids#PATTERN}). */
  String id(String name) {
    String s = string(name);
    if (!Ids.isValid(s)) {
      throw bad(path + "." + name + " must be 26 characters matching " + Ids.PATTERN.pattern()
          + ", got \"" + abbreviate(s) + "\"");
    }
    return s;
  }

  /** The raw node of a required field (for deltas). */
  JsonNode node(String name) {
    return required(name);
  }

  FrameReader object(String name) {
    JsonNode v = required(name);
    if (!(v instanceof ObjectNode o)) {
      throw wrongType(name, "an object", v);
    }
    return new FrameReader(o, path + "." + name);
  }

  /** Each element of an array field read as an object, at most {@code max} of them. */
  <T> List<T> objects(String name, int max, Function<FrameReader, T> element) {
    JsonNode v = required(name);
    if (!(v instanceof ArrayNode array)) {
      throw wrongType(name, "an array", v);
    }
    if (array.size() > max) {
      throw bad(path + "." + name + " has " + array.size() + " elements, at most " + max + " allowed");
    }
    List<T> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode e = array.get(i);
      String elementPath = path + "." + name + "[" + i + "]";
      if (!(e instanceof ObjectNode o)) {
        throw bad(elementPath + " must be an object, got " + Json.kind(e));
      }
      out.add(element.apply(new FrameReader(o, elementPath)));
    }
    return out;
  }

  /** Each element of an array field read as a string. */
  List<String> strings(String name) {
    JsonNode v = required(name);
    if (!(v instanceof ArrayNode array)) {
      throw wrongType(name, "an array", v);
    }
    List<String> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode e = array.get(i);
      if (!e.isTextual()) {
        throw bad(path + "." + name + "[" + i + "] must be a string, got " + Json.kind(e));
      }
      out.add(e.textValue());
    }
    return out;
  }

  User user(String name) {
    FrameReader u = object(name);
    String userName = u.string("name");
    String color = u.string("color");
    return u.build(() -> new User(userName, color));
  }

  List<Range> ranges(String name) {
    return objects(name, Protocol.MAX_RANGES, r -> {
      int anchor = r.intField("anchor", 0);
      int head = r.intField("head", 0);
      return new Range(anchor, head);
    });
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
