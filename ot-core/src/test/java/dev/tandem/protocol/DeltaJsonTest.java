package dev.tandem.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Op;
import org.junit.jupiter.api.Test;

/** Hand-written round trips and canonical output. Random ones: {@link DeltaJsonPropertyTest}. */
class DeltaJsonTest {

  @Test void writesQuillForm() {
    Delta d = Delta.builder()
        .insert("Hi", Attributes.of("bold", true))
        .retain(3)
        .delete(2)
        .build();
    assertThat(DeltaJson.write(d))
        .isEqualTo("{\"ops\":[{\"insert\":\"Hi\",\"attributes\":{\"bold\":true}},{\"retain\":3},{\"delete\":2}]}");
  }

  @Test void parsesQuillForm() {
    Delta d = DeltaJson.parse(
        "{\"ops\":[{\"insert\":\"Hi\",\"attributes\":{\"bold\":true}},{\"retain\":3},{\"delete\":2}]}");
    assertThat(d.ops()).containsExactly(
        new Op.Insert("Hi", Attributes.of("bold", true)), new Op.Retain(3), new Op.Delete(2));
  }

  @Test void emptyDelta() {
    assertThat(DeltaJson.write(Delta.EMPTY)).isEqualTo("{\"ops\":[]}");
    assertThat(DeltaJson.parse("{\"ops\":[]}")).isEqualTo(Delta.EMPTY);
  }

  @Test void attributeKeysAreWrittenSorted() {
    Delta d = Delta.builder().retain(1, Attributes.builder()
        .put("italic", true).put("align", "center").put("bold", null).put("header", 2).build()).build();
    assertThat(DeltaJson.write(d)).isEqualTo(
        "{\"ops\":[{\"retain\":1,\"attributes\":{\"align\":\"center\",\"bold\":null,\"header\":2,\"italic\":true}}]}");
  }

  @Test void parsingNormalizes() {
    // Adjacent inserts merge, an insert after a delete moves before it, a trailing plain retain goes.
    Delta d = DeltaJson.parse("{\"ops\":[{\"insert\":\"a\"},{\"delete\":1},{\"insert\":\"b\"},"
        + "{\"retain\":2},{\"retain\":3,\"attributes\":{}}]}");
    assertThat(DeltaJson.write(d)).isEqualTo("{\"ops\":[{\"insert\":\"ab\"},{\"delete\":1}]}");
  }

  @Test void numbers() {
    Delta d = DeltaJson.parse("{\"ops\":[{\"retain\":1,\"attributes\":"
        + "{\"a\":1.0,\"b\":2.5,\"c\":-7,\"d\":100000000000000000000,\"e\":1e-7}}]}");
    Attributes a = d.ops().getFirst().attributes();
    assertThat(a.get("a")).isEqualTo(1L);
    assertThat(a.get("b")).isEqualTo(2.5);
    assertThat(a.get("c")).isEqualTo(-7L);
    assertThat(a.get("d")).isEqualTo(1e20);
    assertThat(a.get("e")).isEqualTo(1e-7);
    assertThat(DeltaJson.parse(DeltaJson.write(d))).isEqualTo(d);
  }

  @Test void surrogatePairsAndEscapes() {
    Delta d = Delta.document("😀 \"quoted\"\n\t\\ \u0000 é");
    String json = DeltaJson.write(d);
    assertThat(DeltaJson.parse(json)).isEqualTo(d);
    assertThat(DeltaJson.parse("{\"ops\":[{\"insert\":\"\\ud83d\\ude00\"}]}")).isEqualTo(Delta.document("😀"));
  }

  @Test void emptyAttributesObjectMeansNone() {
    assertThat(DeltaJson.parse("{\"ops\":[{\"insert\":\"a\",\"attributes\":{}}]}"))
        .isEqualTo(Delta.document("a"));
  }

  @Test void whitespaceAndKeyOrderDoNotMatter() {
    Delta d = DeltaJson.parse(" { \"ops\" : [ { \"attributes\" : { \"bold\" : true } , \"insert\" : \"x\" } ] } ");
    assertThat(DeltaJson.write(d)).isEqualTo("{\"ops\":[{\"insert\":\"x\",\"attributes\":{\"bold\":true}}]}");
  }

  @Test void treeRoundTrip() {
    Delta d = Delta.builder().retain(2).insert("x", Attributes.of("link", "https://e.x")).delete(1).build();
    assertThat(DeltaJson.fromTree(DeltaJson.toTree(d))).isEqualTo(d);
  }
}
