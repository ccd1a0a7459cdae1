package dev.tandem.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The streaming fast path of DeltaJson.parse agrees with the tree path or steps aside. */
class DeltaJsonStreamingTest {

  private static final String[] TEXTS = {"a", "Hello\n", "q\"b\\", "\u0001\t", "é", "😀", "中文\n"};

  private static Delta randomDelta(Random random, boolean document) {
    Delta.Builder b = Delta.builder();
    int ops = random.nextInt(8);
    for (int i = 0; i < ops; i++) {
      int kind = document ? 3 : random.nextInt(4);
      switch (kind) {
        case 0 -> b.retain(1 + random.nextInt(1000));
        case 1 -> b.delete(1 + random.nextInt(9));
        case 2 -> b.retain(1 + random.nextInt(9), Attributes.builder()
            .put("bold", random.nextBoolean() ? true : null).put("size", 1.5 * random.nextInt(10) - 3).build());
        default -> b.insert(TEXTS[random.nextInt(TEXTS.length)], random.nextBoolean()
            ? Attributes.EMPTY
            : Attributes.builder().put("author", "c" + random.nextInt(5)).put("header", (long) random.nextInt(3) - 1)
                .put("big", Long.MIN_VALUE + random.nextInt(3)).put("italic", false).build());
      }
    }
    return b.build();
  }

  @Test
  void validDeltasParseToTheSameDeltaOnBothPaths() throws Exception {
    Random random = new Random(5);
    for (int i = 0; i < 2_000; i++) {
      Delta d = randomDelta(random, i % 2 == 0);
      String json = DeltaJson.write(d);
      Delta fast = DeltaJson.parseStreaming(json);
      assertThat(fast).as(json).isNotNull().isEqualTo(d);
      assertThat(fast).isEqualTo(DeltaJson.fromTree(Json.MAPPER.readTree(json)));
      // Whitespace is still plain.
      String spaced = json.replace("{\"ops\":[", "{ \"ops\" : [ ").replace("]}", " ] } ");
      assertThat(DeltaJson.parseStreaming(spaced)).as(spaced).isEqualTo(d);
    }
    assertThat(DeltaJson.parseStreaming("{\"ops\":[{\"attributes\":{\"bold\":true},\"insert\":\"a\"}]}"))
        .isEqualTo(Delta.builder().insert("a", Attributes.of("bold", true)).build());
  }

  @Test
  void anythingMalformedIsLeftToTheTreePath() {
    for (String json : List.of(
      "{\"ops\":[",
      "",
      "{\"ops\":[]} x",
      "[{\"insert\":\"a\"}]",
      "{}",
      "{\"ops\":[],\"x\":1}",
      "{\"ops\":{\"insert\":\"a\"}}",
      "{\"ops\":[{\"insert\":\"a\"},\"retain\"]}",
      "{\"ops\":[{\"attributes\":{\"bold\":true}}]}",
      "{\"ops\":[{}]}",
      "{\"ops\":[{\"retain\":1,\"delete\":1}]}",
      "{\"ops\":[{\"insert\":\"a\",\"insert\":\"b\"}]}",
      "{\"ops\":[{\"retain\":0}]}",
      "{\"ops\":[{\"insert\":\"a\"},{\"retain\":-3}]}",
      "{\"ops\":[{\"retain\":1.5}]}",
      "{\"ops\":[{\"retain\":2147483648}]}",
      "{\"ops\":[{\"retain\":123456789012345678901234567890}]}",
      "{\"ops\":[{\"retain\":\"3\"}]}",
      "{\"ops\":[{\"delete\":0}]}",
      "{\"ops\":[{\"delete\":-1}]}",
      "{\"ops\":[{\"delete\":2.0}]}",
      "{\"ops\":[{\"delete\":\"2\"}]}",
      "{\"ops\":[{\"delete\":null}]}",
      "{\"ops\":[{\"delete\":1,\"attributes\":{\"bold\":true}}]}",
      "{\"ops\":[{\"retain\":2147483647},{\"delete\":1}]}",
      "{\"ops\":[{\"insert\":{\"image\":\"x.png\"}}]}",
      "{\"ops\":[{\"insert\":5}]}",
      "{\"ops\":[{\"insert\":null}]}",
      "{\"ops\":[{\"insert\":\"\"}]}",
      "{\"ops\":[{\"insert\":\"a\",\"attributes\":[\"bold\"]}]}",
      "{\"ops\":[{\"retain\":1,\"attributes\":null}]}",
      "{\"ops\":[{\"insert\":\"a\",\"attributes\":{\"link\":{\"href\":\"x\"}}}]}",
      "{\"ops\":[{\"retain\":1,\"attributes\":{\"list\":[1]}}]}",
      "{\"ops\":[{\"retain\":1,\"attributes\":{\"\":true}}]}",
      "{\"ops\":[{\"insert\":\"a\",\"attributes\":{\"bold\":null}}]}",
      "{\"ops\":[{\"retain\":1},{\"insert\":\"a\",\"bold\":true}]}",
      "{\"ops\":[{\"insert\":\"a\\ud83d\"}]}",
      "{\"ops\":[{\"insert\":\"\\ude00b\"}]}",
      "{\"ops\":[{\"insert\":\"\\ud83d\"},{\"insert\":\"\\ude00\"}]}",
      "{\"ops\":[{\"retain\":1,\"attributes\":{\"bold\":true,\"bold\":false}}]}",
      "{\"ops\":[{\"insert\":\"a\",\"attributes\":{\"size\":1e400}}]}",
      "{\"ops\":[{\"retain\":1,\"attributes\":{\"n\":123456789012345678901234567890}}]}",
      "{\"ops\":[{\"delete\":1,\"attributes\":{}}]}",
      "{\"ops\":[]}{}",
      "[]",
      "null",
      "  ")) {
      assertThat(DeltaJson.parseStreaming(json)).as(json).isNull();
    }
  }
}
