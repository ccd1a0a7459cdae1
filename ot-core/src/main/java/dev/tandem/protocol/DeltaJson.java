package dev.tandem.protocol;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Latin1;
import dev.tandem.ot.Op;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Quill's JSON form of a {@link Delta}, strictly validated:
 * <pre>{"ops":[{"insert":"Hi","attributes":{"bold":true}},{"retain":3},{"delete":2}]}</pre>
 *
 * <p><b>Accepted.</b> An object with exactly one key, {@code ops}, an array of op objects. Each op
 * has exactly one of {@code insert} (a non-empty string without unpaired UTF-16 surrogates),
 * {@code retain} or {@code delete} (a JSON integer in 1..2<sup>31</sup>−1), and optionally
 * {@code attributes} (an object, not on a delete) whose values are strings, booleans, numbers or
 * {@code null}; {@code null} ("remove") only on a retain. Integral numbers become {@code Long}. The
 * sum of all op lengths must fit in an {@code int}. Anything else throws
 * {@link MalformedDeltaException} whose message names the problem and the op index; an empty
 * {@code attributes} object is accepted and means none. Embeds (non-string inserts) are refused.
 *
 * <p><b>Canonical.</b> Parsing goes through {@link Delta#builder()}, so the result is canonical
 * (adjacent ops merged, trailing plain retain dropped). {@link #write} emits the op key first, then
 * {@code attributes} with keys sorted, and omits empty attributes. Hence for every Delta d:
 * {@code parse(write(d)).equals(d)} and {@code write(parse(write(d))).equals(write(d))}.
 *
 * <p>Stateless and thread-safe.
 */
public final class DeltaJson {
  private DeltaJson() {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * Parses Quill's JSON form.
   *
   * @throws MalformedDeltaException if {@code json} is not valid JSON or not a valid delta
   */
  public static Delta parse(String json) {
    if (json == null) {
      throw new MalformedDeltaException(-1, "expected a JSON object, got nothing (null)");
    }
    Delta fast = parseStreaming(json);
    if (fast != null) {
      return fast;
    }
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new MalformedDeltaException(-1, "not valid JSON: " + Json.describe(e), e);
    }
    if (tree == null || tree.isMissingNode()) {
      throw new MalformedDeltaException(-1, "not valid JSON: empty input");
    }
    return fromTree(tree);
  }

  /**
   * The fast path of {@link #parse}: one pass of Jackson's streaming parser straight into the
   * builder, without a tree (a 1 MB snapshot parses in a fraction of the tree's time). It accepts
   * only what the tree path accepts, and gives up (null) at anything unusual or wrong, so the tree
   * path then produces the result or the exact error message.
   */
  static Delta parseStreaming(String json) {
    try (JsonParser p = Json.MAPPER.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      Delta delta = streamDelta(p);
      return delta != null && p.nextToken() == null ? delta : null;
    } catch (IOException | RuntimeException e) {
      return null; // not valid JSON, duplicate keys, a rule broken: the tree path explains it
    }
  }

  /**
   * A delta object read by the streaming parser, which is just after the object's START_OBJECT;
   * on success the parser is at its END_OBJECT. Null at anything unusual or wrong (see {@link
   * #parseStreaming}): the caller then takes the tree path, which gives the exact result or error.
   * A JSON syntax error may also surface as an exception from the parser.
   */
  static Delta streamDelta(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.FIELD_NAME || !"ops".equals(p.currentName())
        || p.nextToken() != JsonToken.START_ARRAY) {
      return null;
    }
    Delta.Builder builder = Delta.builder();
    long totalLength = 0;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
      Op op = streamOp(p);
      if (op == null) {
        return null;
      }
      totalLength += op.length();
      if (totalLength > Integer.MAX_VALUE) {
        return null;
      }
      builder.add(op);
    }
    if (t != JsonToken.END_ARRAY || p.nextToken() != JsonToken.END_OBJECT) {
      return null;
    }
    return builder.build();
  }

  /** One op object, the parser after its START_OBJECT; null if it is not plainly valid. */
  private static Op streamOp(JsonParser p) throws IOException {
    String kind = null;
    String text = null;
    int length = 0;
    Attributes attributes = null;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "insert" -> {
          if (kind != null || value != JsonToken.VALUE_STRING) {
            return null;
          }
          kind = name;
          text = p.getText();
          if (text.isEmpty() || unpairedSurrogate(text) >= 0) {
            return null;
          }
        }
        case "retain", "delete" -> {
          if (kind != null || value != JsonToken.VALUE_NUMBER_INT
              || p.getNumberType() != JsonParser.NumberType.INT || p.getIntValue() <= 0) {
            return null;
          }
          kind = name;
          length = p.getIntValue();
        }
        case "attributes" -> {
          if (value != JsonToken.START_OBJECT) {
            return null;
          }
          attributes = streamAttributes(p);
          if (attributes == null) {
            return null;
          }
        }
        default -> {
          return null;
        }
      }
    }
    if (t != JsonToken.END_OBJECT || kind == null) {
      return null;
    }
    Attributes a = attributes == null ? Attributes.EMPTY : attributes;
    return switch (kind) {
      case "insert" -> a.hasRemovals() ? null : new Op.Insert(text, a);
      case "retain" -> new Op.Retain(length, a);
      default -> attributes != null ? null : new Op.Delete(length);
    };
  }

  /** An attributes object, the parser after its START_OBJECT; null if it is not plainly valid. */
  private static Attributes streamAttributes(JsonParser p) throws IOException {
    Attributes.Builder b = Attributes.builder();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      if (key.isEmpty()) {
        return null;
      }
      Object value;
      switch (p.nextToken()) {
        case VALUE_STRING -> value = p.getText();
        case VALUE_TRUE -> value = Boolean.TRUE;
        case VALUE_FALSE -> value = Boolean.FALSE;
        case VALUE_NULL -> value = null;
        case VALUE_NUMBER_INT -> {
          JsonParser.NumberType type = p.getNumberType();
          if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
            return null;
          }
          value = p.getLongValue();
        }
        case VALUE_NUMBER_FLOAT -> {
          double d = p.getDoubleValue();
          if (!Double.isFinite(d)) {
            return null;
          }
          value = d;
        }
        case null, default -> {
          return null;
        }
      }
      b.put(key, value);
    }
    return t == JsonToken.END_OBJECT ? b.build() : null;
  }

  /** The canonical JSON text of {@code delta}. */
  public static String write(Delta delta) {
    try {
      return Json.MAPPER.writeValueAsString(toTree(delta));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot happen: serializing a tree of scalars", e);
    }
  }

  /**
   * Reads a delta from a JSON tree (e.g. the {@code delta} field of an {@code op} frame).
   * A {@code null} or missing node is reported as such.
   *
   * @throws MalformedDeltaException if the tree is not a valid delta
   */
  public static Delta fromTree(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      throw new MalformedDeltaException(-1, "expected an object {\"ops\":[...]}, got nothing");
    }
    if (!node.isObject()) {
      throw new MalformedDeltaException(-1,
          "expected an object {\"ops\":[...]}, got " + Json.kind(node));
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("ops")) {
        throw new MalformedDeltaException(-1, "unknown key \"" + name + "\" (only \"ops\" is allowed)");
      }
    }
    JsonNode ops = node.get("ops");
    if (ops == null) {
      throw new MalformedDeltaException(-1, "missing \"ops\"");
    }
    if (!ops.isArray()) {
      throw new MalformedDeltaException(-1, "\"ops\" must be an array, got " + Json.kind(ops));
    }
    Delta.Builder builder = Delta.builder();
    long totalLength = 0;
    for (int i = 0; i < ops.size(); i++) {
      Op op = readOp(i, ops.get(i));
      totalLength += op.length();
      if (totalLength > Integer.MAX_VALUE) {
        throw new MalformedDeltaException(i, "the ops' total length exceeds " + Integer.MAX_VALUE);
      }
      try {
        builder.add(op);
      } catch (IllegalArgumentException | ArithmeticException e) {
        // Defensive: readOp validated everything the builder checks.
        throw new MalformedDeltaException(i, e.getMessage(), e);
      }
    }
    return builder.build();
  }

  /** The canonical tree of {@code delta}: {@code {"ops":[...]}}. */
  public static ObjectNode toTree(Delta delta) {
    ObjectNode root = NODES.objectNode();
    ArrayNode ops = root.putArray("ops");
    for (Op op : delta) {
      ObjectNode o = ops.addObject();
      switch (op) {
        case Op.Insert ins -> o.put("insert", ins.text());
        case Op.Retain ret -> o.put("retain", ret.length());
        case Op.Delete del -> o.put("delete", del.length());
      }
      if (!op.attributes().isEmpty()) {
        o.set("attributes", attributesToTree(op.attributes()));
      }
    }
    return root;
  }

  /** Attributes as a JSON object; keys in sorted order (Attributes keeps them sorted). */
  static ObjectNode attributesToTree(Attributes attributes) {
    ObjectNode o = NODES.objectNode();
    for (Map.Entry<String, Object> e : attributes.asMap().entrySet()) {
      switch (e.getValue()) {
        case null -> o.putNull(e.getKey());
        case String s -> o.put(e.getKey(), s);
        case Boolean b -> o.put(e.getKey(), b);
        case Long l -> o.put(e.getKey(), l);
        case Double d -> o.put(e.getKey(), d);
        default -> throw new IllegalStateException("Attributes holds only String, Boolean, Long, "
            + "Double or null, found " + e.getValue().getClass().getName());
      }
    }
    return o;
  }

  private static Op readOp(int index, JsonNode node) {
    if (!node.isObject()) {
      throw new MalformedDeltaException(index, "an op must be an object, got " + Json.kind(node));
    }
    String kind = null;
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      switch (name) {
        case "insert", "retain", "delete" -> {
          if (kind != null) {
            throw new MalformedDeltaException(index,
                "has both \"" + kind + "\" and \"" + name + "\"; an op has exactly one of insert, retain, delete");
          }
          kind = name;
        }
        case "attributes" -> { }
        default -> throw new MalformedDeltaException(index, "unknown key \"" + name
            + "\" (allowed: insert, retain, delete, attributes)");
      }
    }
    if (kind == null) {
      throw new MalformedDeltaException(index, "has none of insert, retain, delete");
    }
    JsonNode attributesNode = node.get("attributes");
    return switch (kind) {
      case "insert" -> new Op.Insert(readInsertText(index, node.get("insert")),
          readAttributes(index, attributesNode, false));
      case "retain" -> new Op.Retain(readLength(index, "retain", node.get("retain")),
          readAttributes(index, attributesNode, true));
      default -> {
        if (attributesNode != null) {
          throw new MalformedDeltaException(index, "a delete takes no \"attributes\"");
        }
        yield new Op.Delete(readLength(index, "delete", node.get("delete")));
      }
    };
  }

  private static String readInsertText(int index, JsonNode node) {
    if (!node.isTextual()) {
      throw new MalformedDeltaException(index,
          "insert must be a non-empty string (embeds are not supported), got " + Json.kind(node));
    }
    String text = node.textValue();
    if (text.isEmpty()) {
      throw new MalformedDeltaException(index, "insert must be a non-empty string, got \"\"");
    }
    int bad = unpairedSurrogate(text);
    if (bad >= 0) {
      throw new MalformedDeltaException(index, String.format(
          "insert contains an unpaired UTF-16 surrogate U+%04X at offset %d", (int) text.charAt(bad), bad));
    }
    return text;
  }

  /** The index of the first char of {@code s} that is an unpaired surrogate, or -1. */
  static int unpairedSurrogate(String s) {
    if (Latin1.covers(s)) {
      return -1; // the usual case, answered without a per-char loop over megabytes
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      } else if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  private static int readLength(int index, String kind, JsonNode node) {
    String rule = kind + " must be a positive integer no larger than " + Integer.MAX_VALUE;
    if (!node.isIntegralNumber()) {
      throw new MalformedDeltaException(index, rule + ", got " + Json.kind(node) + " " + node);
    }
    if (!node.canConvertToInt() || node.intValue() <= 0) {
      throw new MalformedDeltaException(index, rule + ", got " + node.asText());
    }
    return node.intValue();
  }

  private static Attributes readAttributes(int index, JsonNode node, boolean allowNull) {
    if (node == null) {
      return Attributes.EMPTY;
    }
    if (!node.isObject()) {
      throw new MalformedDeltaException(index, "attributes must be an object, got " + Json.kind(node));
    }
    Attributes.Builder b = Attributes.builder();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = e.getKey();
      if (key.isEmpty()) {
        throw new MalformedDeltaException(index, "attribute keys must be non-empty");
      }
      b.put(key, readAttributeValue(index, key, e.getValue(), allowNull));
    }
    return b.build();
  }

  private static Object readAttributeValue(int index, String key, JsonNode v, boolean allowNull) {
    String where = "attribute \"" + key + "\"";
    if (v.isNull()) {
      if (!allowNull) {
        throw new MalformedDeltaException(index,
            where + " is null (remove), which is only allowed on a retain");
      }
      return null;
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isIntegralNumber()) {
      // Integers beyond long (e.g. a JavaScript 1e21 written out) are kept as doubles.
      return v.canConvertToLong() ? (Object) v.longValue() : (Object) v.doubleValue();
    }
    if (v.isNumber()) {
      double d = v.doubleValue();
      if (!Double.isFinite(d)) {
        throw new MalformedDeltaException(index, where + " must be a finite number, got " + v.asText());
      }
      return d;
    }
    throw new MalformedDeltaException(index,
        where + " must be a string, boolean, number or null, got " + Json.kind(v));
  }
}
