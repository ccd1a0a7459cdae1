package dev.tandem.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.PropertyCheck;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The streaming decoder of {@code op} frames gives the tree path's message for every frame it
 * takes, and {@link MessageCodec#decodeClient} (which tries it first) answers every frame exactly
 * as the tree path alone: the same message, or the same error code, text and seq.
 */
class StreamingOpDecoderTest {
  private static final String[] TEXTS = {"a", "Hello\n", "q\"b\\", "\u0001\t", "é", "😀", "中文\n"};

  private static Delta randomDelta(SplittableRandom random) {
    Delta.Builder b = Delta.builder();
    int ops = random.nextInt(6);
    for (int i = 0; i < ops; i++) {
      switch (random.nextInt(4)) {
        case 0 -> b.retain(1 + random.nextInt(1000));
        case 1 -> b.delete(1 + random.nextInt(9));
        case 2 -> b.retain(1 + random.nextInt(9), Attributes.builder()
            .put("bold", random.nextBoolean() ? true : null).put("size", 1.5 * random.nextInt(10) - 3).build());
        default -> b.insert(TEXTS[random.nextInt(TEXTS.length)], random.nextBoolean()
            ? Attributes.EMPTY
            : Attributes.builder().put("author", "c" + random.nextInt(5)).put("header", (long) random.nextInt(3) - 1).build());
      }
    }
    return b.build();
  }

  private static ClientMessage.Submit randomOp(SplittableRandom random) {
    long base = random.nextInt(4) == 0 ? Protocol.MAX_SAFE_INTEGER - random.nextInt(3) : random.nextInt(100_000);
    return new ClientMessage.Submit(base, 1 + random.nextInt(1_000), randomDelta(random));
  }

  /** What decoding a frame gives: the message, or the error's code, text and seq. */
  private static Object outcome(java.util.function.Function<String, ClientMessage> decoder, String frame) {
    try {
      return decoder.apply(frame);
    } catch (ProtocolException e) {
      return List.of(e.code(), e.getMessage(), e.seq());
    }
  }

  @Test
  void everyEncodedOpTakesTheStreamingPathToTheTreePathsMessage() {
    PropertyCheck.forAll("streaming op decode = tree decode", 2_000, StreamingOpDecoderTest::randomOp, op -> {
      String frame = MessageCodec.encode(op);
      assertThat(StreamingOpDecoder.decode(frame)).as(frame).isNotNull().isEqualTo(op);
      assertThat(ClientCodec.decodeTree(frame)).isEqualTo(op);
    });
  }

  /** The plain decoder ({@link PlainOpDecoder}, tried first) gives the streaming decoder's message for every frame it takes. */
  @Test
  void thePlainPathTakesTypingFramesAndAgreesWithTheStreamingPath() {
    PropertyCheck.forAll("plain op decode = streaming decode", 2_000, random -> {
      String frame = MessageCodec.encode(randomOp(random));
      if (random.nextBoolean()) { // damaged
        StringBuilder damaged = new StringBuilder(frame);
        int at = random.nextInt(damaged.length());
        String alphabet = "{}[]\":,0123456789-.eE tnulfa\\x";
        damaged.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
        frame = damaged.toString();
      }
      return frame;
    }, frame -> {
      ClientMessage.Submit plain = PlainOpDecoder.decode(frame);
      if (plain != null) {
        assertThat(plain).as(frame).isEqualTo(StreamingOpDecoder.decode(frame));
      }
    });
    // What typing sends takes the plain path: inserts with the author, retains, deletes, formats.
    for (ClientMessage.Submit op : List.of(
        new ClientMessage.Submit(0, 1, Delta.builder().insert("abc", Attributes.of("author", "c-1")).build()),
        new ClientMessage.Submit(41, 7, Delta.builder().retain(12).insert("é😀中", Attributes.of("author", "c-1")).build()),
        new ClientMessage.Submit(Protocol.MAX_SAFE_INTEGER, 3, Delta.builder().retain(5).delete(2).build()),
        new ClientMessage.Submit(9, 2, Delta.builder().retain(3, Attributes.builder().put("bold", true).put("italic", null)
            .put("header", -2L).build()).retain(4).insert("x").build()),
        new ClientMessage.Submit(9, 2, Delta.builder().build()))) {
      String frame = MessageCodec.encode(op);
      assertThat(PlainOpDecoder.decode(frame)).as(frame).isEqualTo(op);
    }
  }

  @Test
  void damagedOpFramesAreAnsweredExactlyAsByTheTreePath() {
    String alphabet = "{}[]\":,0123456789-.eE tnulfa\\x";
    PropertyCheck.forAll("damaged op frame: same outcome", 5_000, random -> {
      StringBuilder frame = new StringBuilder(MessageCodec.encode(randomOp(random)));
      int edits = 1 + random.nextInt(3);
      for (int i = 0; i < edits; i++) {
        int at = random.nextInt(frame.length());
        switch (random.nextInt(3)) {
          case 0 -> frame.deleteCharAt(at);
          case 1 -> frame.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
          default -> frame.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      return frame.toString();
    }, frame -> assertThat(outcome(MessageCodec::decodeClient, frame)).as(frame)
        .isEqualTo(outcome(ClientCodec::decodeTree, frame)));
  }

  @Test
  void unusualButValidAndInvalidOpFramesAreAnsweredExactlyAsByTheTreePath() {
    String delta = "{\"ops\":[{\"retain\":2},{\"insert\":\"x\"}]}";
    for (String frame : List.of(
        "{\"type\":\"op\",\"base\":3,\"seq\":4,\"delta\":" + delta + "}",
        "{\"type\":\"op\",\"seq\":4,\"delta\":" + delta + ",\"base\":3}",
        "{\"type\":\"op\",\"base\":3,\"seq\":4,\"delta\":" + delta + ",\"extra\":[1,{}]}",
        "{\"type\":\"op\",\"base\":3,\"seq\":4,\"base\":3,\"delta\":" + delta + "}",
        "{\"type\":\"op\",\"type\":\"op\",\"base\":3,\"seq\":4,\"delta\":" + delta + "}",
        "{\"type\":\"op\",\"base\":3,\"seq\":4,\"delta\":" + delta + "} {}",
        "{\"type\":\"op\",\"base\":3,\"seq\":4,\"delta\":" + delta,
        "{\"type\":\"op\",\"base\":-1,\"seq\":4,\"delta\":" + delta + "}",
        "{\"type\":\"op\",\"base\":3,\"seq\":0,\"delta\":" + delta + "}",
        "{\"type\":\"op\",\"base\":3.0,\"seq\":4,\"delta\":" + delta + "}",
        "{\"type\":\"op\",\"base\":9007199254740992,\"seq\":4,\"delta\":" + delta + "}",
        "{\"type\":\"op\",\"base\":9007199254740991,\"seq\":4,\"delta\":" + delta + "}",
        "{\"type\":\"op\",\"base\":123456789012345678901234567890,\"seq\":4,\"delta\":" + delta + "}",
        "{\"type\":\"op\",\"base\":\"3\",\"seq\":4,\"delta\":" + delta + "}",
        "{\"type\":\"op\",\"base\":null,\"seq\":4,\"delta\":" + delta + "}",
        "{\"type\":\"op\",\"seq\":4,\"delta\":" + delta + "}",
        "{\"type\":\"op\",\"base\":3,\"delta\":" + delta + "}",
        "{\"type\":\"op\",\"base\":3,\"seq\":4}",
        "{\"type\":\"op\",\"base\":3,\"seq\":4,\"delta\":null}",
        "{\"type\":\"op\",\"base\":3,\"seq\":4,\"delta\":[]}",
        "{\"type\":\"op\",\"base\":3,\"seq\":4,\"delta\":{\"ops\":[{\"retain\":0}]}}",
        "{\"type\":\"op\",\"base\":3,\"seq\":4,\"delta\":{\"ops\":[{\"insert\":\"\\ud800\"}]}}",
        "{\"type\":\"op\",\"base\":3,\"seq\":4,\"delta\":{\"ops\":[{\"insert\":\"a\",\"attributes\":{\"b\":null}}]}}",
        "{\"type\":\"op\",\"base\":3,\"seq\":4,\"delta\":{\"ops\":[],\"x\":1}}",
        "{\"type\":\"op\",\"base\":3,\"seq\":4,\"delta\":{\"ops\":[]}}",
        "{\"type\":\"op\" , \"base\" : 3 , \"seq\" : 4 , \"delta\" : " + delta + " }",
        "{\"type\":\"op\",\"base\":3,\"seq\":4,\"delta\":" + delta + "}\n")) {
      assertThat(outcome(MessageCodec::decodeClient, frame)).as(frame)
          .isEqualTo(outcome(ClientCodec::decodeTree, frame));
    }
    // The common shape does take the fast path.
    assertThat(StreamingOpDecoder.decode("{\"type\":\"op\",\"base\":3,\"seq\":4,\"delta\":" + delta + "}"))
        .isEqualTo(new ClientMessage.Submit(3, 4, Delta.builder().retain(2).insert("x").build()));
  }
}
