package dev.tandem.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.protocol.Values.CommittedOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Frames assembled from pre-encoded pieces equal the codec's own frames byte for byte. */
class PreEncodedFramesTest {

  private static final String[] TEXTS = {
    "a", "Hello\n", "quote \" and backslash \\", "tab\tand\u0001control", "é ü ß", "😀 emoji", "中文", "</script>"
  };

  private static Delta randomDelta(Random random) {
    Delta.Builder b = Delta.builder();
    int ops = 1 + random.nextInt(5);
    for (int i = 0; i < ops; i++) {
      switch (random.nextInt(4)) {
        case 0 -> b.retain(1 + random.nextInt(1000));
        case 1 -> b.delete(1 + random.nextInt(9));
        case 2 -> b.retain(1 + random.nextInt(9), Attributes.builder()
            .put("bold", random.nextBoolean() ? true : null).put("size", 1.5 * random.nextInt(10)).build());
        default -> b.insert(TEXTS[random.nextInt(TEXTS.length)], random.nextBoolean()
            ? Attributes.EMPTY
            : Attributes.builder().put("author", "c\"" + random.nextInt(5)).put("header", (long) random.nextInt(3))
                .put("big", Long.MAX_VALUE - random.nextInt(3)).build());
      }
    }
    return b.build();
  }

  @Test
  void assembledOpsFramesEqualTheCodecsFrames() {
    Random random = new Random(7);
    for (int round = 0; round < 500; round++) {
      List<CommittedOp> ops = new ArrayList<>();
      int n = 1 + random.nextInt(20);
      for (int i = 0; i < n; i++) {
        ops.add(new CommittedOp(1 + random.nextInt(Integer.MAX_VALUE) + (long) round * Integer.MAX_VALUE,
            "client-" + random.nextInt(4) + (random.nextBoolean() ? "\u00e9\"" : ""), 1 + random.nextInt(100_000),
            randomDelta(random)));
      }
      List<String> pieces = ops.stream().map(MessageCodec::encodeCommittedOp).toList();
      String expected = MessageCodec.encode(new ServerMessage.Ops(ops));
      assertThat(MessageCodec.opsFrame(pieces)).isEqualTo(expected);
      int from = random.nextInt(n);
      int to = from + 1 + random.nextInt(n - from);
      assertThat(MessageCodec.opsFrame(pieces.subList(from, to)))
          .isEqualTo(MessageCodec.encode(new ServerMessage.Ops(ops.subList(from, to))));
      assertThat(MessageCodec.decodeServer(MessageCodec.opsFrame(pieces))).isEqualTo(new ServerMessage.Ops(ops));
    }
  }

  @Test
  void ackFramesEqualTheCodecsFrames() {
    for (long[] sr : new long[][] {{1, 1}, {7, 42}, {Long.MAX_VALUE, 9_007_199_254_740_991L}, {123_456_789, 1}}) {
      assertThat(MessageCodec.ackFrame(sr[0], sr[1]))
          .isEqualTo(MessageCodec.encode(new ServerMessage.Ack(sr[0], sr[1])));
    }
    assertThatThrownBy(() -> MessageCodec.ackFrame(0, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anOpsFrameIsNeverEmpty() {
    assertThatThrownBy(() -> MessageCodec.opsFrame(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
