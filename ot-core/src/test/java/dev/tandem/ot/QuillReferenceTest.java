package dev.tandem.ot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays cases recorded from the real quill-delta (see src/test/quill/README.md) and expects
 * dev.tandem.ot to give the same results. Quill's outputs are not always canonical ({@code new
 * Delta(ops)} does not merge), so expected ops go through {@link Delta#builder()} like ours do.
 *
 * <p>The JSON-to-Delta conversion here is deliberately test-local and minimal (Quill's op JSON:
 * {@code {"insert": s, "attributes": {..}}}, {@code {"retain": n, ..}}, {@code {"delete": n}}).
 */
class QuillReferenceTest {

  private static JsonNode root;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = QuillReferenceTest.class.getResourceAsStream("/quill-reference-cases.json")) {
      assertThat(in).as("quill-reference-cases.json on the test classpath").isNotNull();
      root = new ObjectMapper().readTree(in);
    }
    assertThat(root.get("cases").size()).as("delta cases").isGreaterThanOrEqualTo(1000);
    assertThat(root.get("attributeCases").size()).as("attribute cases").isGreaterThanOrEqualTo(100);
  }

  @Test
  void documentApplyMatchesQuillCompose() {
    check("apply", c -> delta(c, "doc").apply(delta(c, "a")), c -> delta(c, "apply"));
  }

  @Test
  void composeMatchesQuill() {
    check("compose", c -> delta(c, "a").compose(delta(c, "c")), c -> delta(c, "compose"));
  }

  @Test
  void transformMatchesQuill() {
    check("transform", c -> delta(c, "a").transform(delta(c, "b"), c.get("priority").asBoolean()),
        c -> delta(c, "transform"));
  }

  @Test
  void transformPositionMatchesQuill() {
    check("transformPosition",
        c -> delta(c, "a").transformPosition(c.get("position").asInt(), c.get("priority").asBoolean()),
        c -> c.get("transformPosition").asInt());
  }

  @Test
  void invertMatchesQuill() {
    check("invert", c -> delta(c, "a").invert(delta(c, "doc")), c -> delta(c, "invert"));
  }

  @Test
  void attributeMapFunctionsMatchQuill() {
    List<String> failures = new ArrayList<>();
    int i = 0;
    for (JsonNode c : root.get("attributeCases")) {
      Attributes a = attributes(c.get("a"));
      Attributes b = attributes(c.get("b"));
      boolean keepNull = c.get("keepNull").asBoolean();
      compare(failures, i, "compose(a, b, " + keepNull + ")", a, b,
          Attributes.compose(a, b, keepNull), attributes(c.get("compose")));
      compare(failures, i, "diff(a, b)", a, b, Attributes.diff(a, b), attributes(c.get("diff")));
      compare(failures, i, "invert(a, b)", a, b, Attributes.invert(a, b), attributes(c.get("invert")));
      compare(failures, i, "transform(a, b, true)", a, b,
          Attributes.transform(a, b, true), attributes(c.get("transformPriority")));
      compare(failures, i, "transform(a, b, false)", a, b,
          Attributes.transform(a, b, false), attributes(c.get("transformNoPriority")));
      i++;
    }
    report(failures, i);
  }

  private static void compare(List<String> failures, int index, String what, Attributes a, Attributes b,
      Attributes actual, Attributes expected) {
    if (!actual.equals(expected)) {
      failures.add("attribute case #" + index + ": " + what + " with a=" + a + " b=" + b
          + "\n   quill: " + expected + "\n  tandem: " + actual);
    }
  }

  private static <T> void check(String what, Function<JsonNode, T> actual, Function<JsonNode, T> expected) {
    List<String> failures = new ArrayList<>();
    int i = 0;
    for (JsonNode c : root.get("cases")) {
      T want = expected.apply(c);
      String got;
      try {
        T result = actual.apply(c);
        if (result.equals(want)) {
          i++;
          continue;
        }
        got = String.valueOf(result);
      } catch (RuntimeException e) {
        got = "threw " + e;
      }
      failures.add("case #" + i + " (" + what + "): doc=" + delta(c, "doc") + " a=" + delta(c, "a")
          + " b=" + delta(c, "b") + " c=" + delta(c, "c") + " priority=" + c.get("priority")
          + " position=" + c.get("position") + "\n   quill: " + want + "\n  tandem: " + got);
      i++;
    }
    report(failures, i);
  }

  private static void report(List<String> failures, int total) {
    if (!failures.isEmpty()) {
      fail(failures.size() + " of " + total + " Quill reference cases differ (seed "
          + root.get("seed") + ", quill-delta " + root.get("quillDelta").asText() + "); first ones:\n"
          + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
    }
  }

  // --- test-local JSON → Delta -------------------------------------------------------------

  static Delta delta(JsonNode testCase, String field) {
    JsonNode ops = testCase.get(field);
    if (ops == null || !ops.isArray()) {
      throw new IllegalArgumentException("field '" + field + "' is not an op array: " + ops);
    }
    Delta.Builder b = Delta.builder();
    for (JsonNode op : ops) {
      Attributes attributes = attributes(op.get("attributes"));
      if (op.has("insert") && op.get("insert").isTextual()) {
        b.insert(op.get("insert").textValue(), attributes);
      } else if (op.has("retain") && op.get("retain").isInt() && op.get("retain").intValue() > 0) {
        b.retain(op.get("retain").intValue(), attributes);
      } else if (op.has("delete") && op.get("delete").isInt() && op.get("delete").intValue() > 0) {
        b.delete(op.get("delete").intValue());
      } else {
        throw new IllegalArgumentException("not an op: " + op);
      }
    }
    return b.build();
  }

  static Attributes attributes(JsonNode node) {
    if (node == null || node.isNull()) {
      return Attributes.EMPTY;
    }
    Attributes.Builder b = Attributes.builder();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      JsonNode v = e.getValue();
      Object value;
      if (v.isNull()) {
        value = null;
      } else if (v.isBoolean()) {
        value = v.booleanValue();
      } else if (v.isIntegralNumber()) {
        value = v.longValue();
      } else if (v.isTextual()) {
        value = v.textValue();
      } else {
        throw new IllegalArgumentException("unexpected attribute value " + v + " for " + e.getKey());
      }
      b.put(e.getKey(), value);
    }
    return b.build();
  }
}
