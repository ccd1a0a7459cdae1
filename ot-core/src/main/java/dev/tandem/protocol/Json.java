package dev.tandem.protocol;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The package's one Jackson configuration and a few helpers for messages about JSON. */
final class Json {
  private Json() {}

  /**
   * Strict reader/writer. Duplicate keys are errors (so {@code {"insert":"a","insert":"b"}} cannot
   * sneak through), trailing tokens after the value are errors, floats are read as doubles.
   * ObjectMapper is thread-safe once configured; never reconfigure it.
   */
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  /** "string", "number", "object", ... for messages. */
  static String kind(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case NUMBER -> node.isIntegralNumber() ? "an integer" : "a fractional number";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case BINARY, POJO, MISSING -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** Jackson's message without its source excerpt, plus line and column. */
  static String describe(JacksonException e) {
    String msg = e.getOriginalMessage();
    JsonLocation loc = e.getLocation();
    if (loc != null && loc.getLineNr() > 0) {
      msg += " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }
    return msg;
  }
}
