package dev.tandem.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Op;
import dev.tandem.ot.PropertyCheck;
import dev.tandem.protocol.MessageCodec;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.CommittedOp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The load generator's byte scanner agrees with {@code MessageCodec} on every frame it accepts. */
class ServerFrameScannerTest {
  private static final String ALPHABET = "ab \"\\\n\t\u0001é中/";

  @Test
  void opsFramesGiveTheDecodedRevisionsAndShapes() {
    PropertyCheck.forAll("ops frames", ServerFrameScannerTest::opsFrame, message -> {
      byte[] frame = MessageCodec.encode(message).getBytes(StandardCharsets.UTF_8);
      ServerFrameScanner scanner = new ServerFrameScanner();
      assertThat(scanner.scan(frame, 0, frame.length)).isEqualTo(ServerFrameScanner.Kind.OPS);
      assertSameAs(scanner, message);
    });
  }

  @Test
  void acksAndOtherFrames() {
    ServerFrameScanner scanner = new ServerFrameScanner();
    byte[] ack = MessageCodec.encode(new ServerMessage.Ack(7, 42)).getBytes(StandardCharsets.UTF_8);
    assertThat(scanner.scan(ack, 0, ack.length)).isEqualTo(ServerFrameScanner.Kind.ACK);
    assertThat(scanner.ackSeq).isEqualTo(7);
    assertThat(scanner.ackRev).isEqualTo(42);
    for (String other : List.of("{\"type\":\"peer\",\"clientId\":\"x\"}", "{\"type\":\"ack\",\"seq\":1.5,\"rev\":2}",
        "{\"type\":\"ack\",\"seq\":1,\"rev\":2}x", "{\"type\":\"ops\",\"ops\":[]}", "[]", "")) {
      byte[] b = other.getBytes(StandardCharsets.UTF_8);
      assertThat(scanner.scan(b, 0, b.length)).as(other).isEqualTo(ServerFrameScanner.Kind.OTHER);
    }
  }

  /**
   * The same bytes again (in another buffer, as the next client's socket delivers the shared frame)
   * read the same; a different frame in between, or a frame that differs in one byte, is read anew.
   */
  @Test
  void aRepeatedFrameReadsTheSameAndAChangedOneIsReadAnew() {
    PropertyCheck.forAll("repeated frames", r -> new ServerMessage.Ops[] {opsFrame(r), opsFrame(r)}, pair -> {
      byte[] first = MessageCodec.encode(pair[0]).getBytes(StandardCharsets.UTF_8);
      byte[] second = MessageCodec.encode(pair[1]).getBytes(StandardCharsets.UTF_8);
      ServerFrameScanner scanner = new ServerFrameScanner();
      assertThat(scanner.scan(first, 0, first.length)).isEqualTo(ServerFrameScanner.Kind.OPS);
      byte[] elsewhere = new byte[first.length + 7];
      System.arraycopy(first, 0, elsewhere, 5, first.length);
      java.util.Arrays.fill(first, (byte) 0); // the socket reuses its buffer: the results must not
      assertThat(scanner.scan(elsewhere, 5, first.length)).isEqualTo(ServerFrameScanner.Kind.OPS);
      assertThat(scanner.repeats).isEqualTo(1);
      assertSameAs(scanner, pair[0]);
      assertThat(scanner.scan(second, 0, second.length)).isEqualTo(ServerFrameScanner.Kind.OPS);
      assertSameAs(scanner, pair[1]);
      assertThat(scanner.repeats).isEqualTo(java.util.Arrays.equals(second, 0, second.length, elsewhere, 5, 5 + first.length) ? 2 : 1);
      // one byte changed in place (a different rev digit): read anew, not taken for the last frame
      String text = MessageCodec.encode(pair[1]);
      int digit = text.indexOf("\"rev\":") + 6;
      byte[] changed = text.getBytes(StandardCharsets.UTF_8);
      changed[digit] = (byte) (changed[digit] == '9' ? '8' : changed[digit] + 1);
      long before = scanner.repeats;
      ServerFrameScanner.Kind kind = scanner.scan(changed, 0, changed.length);
      assertThat(scanner.repeats).isEqualTo(before);
      if (kind == ServerFrameScanner.Kind.OPS) {
        assertSameAs(scanner, (ServerMessage.Ops) MessageCodec.decodeServer(new String(changed, StandardCharsets.UTF_8)));
      }
    });
  }

  /**
   * Frames of a few batches interleave (one socket holds the next batch's frame while the others
   * still get the last one): each reads the same as on its own, from its slot; with more distinct
   * frames than slots, the least recently used one is read anew, and reads the same.
   */
  @Test
  void interleavedFramesEachReadTheSame() {
    PropertyCheck.forAll("interleaved frames", 60, r -> { // 40 scans and checks per try: fewer tries
      ServerMessage.Ops[] distinct = new ServerMessage.Ops[1 + r.nextInt(ServerFrameScanner.SLOTS + 2)];
      for (int i = 0; i < distinct.length; i++) {
        distinct[i] = opsFrame(r);
      }
      int[] order = new int[40];
      for (int i = 0; i < order.length; i++) {
        order[i] = r.nextInt(distinct.length);
      }
      return new Object[] {distinct, order};
    }, c -> {
      ServerMessage.Ops[] distinct = (ServerMessage.Ops[]) c[0];
      int[] order = (int[]) c[1];
      ServerFrameScanner scanner = new ServerFrameScanner();
      java.util.ArrayDeque<Integer> recent = new java.util.ArrayDeque<>(); // most recent first
      for (int i : order) {
        byte[] frame = MessageCodec.encode(distinct[i]).getBytes(StandardCharsets.UTF_8);
        long before = scanner.repeats;
        assertThat(scanner.scan(frame, 0, frame.length)).isEqualTo(ServerFrameScanner.Kind.OPS);
        assertSameAs(scanner, distinct[i]);
        boolean held = recent.contains(i);
        assertThat(scanner.repeats - before).as("answered from a slot").isEqualTo(held ? 1 : 0);
        recent.remove(i);
        recent.addFirst(i);
        if (recent.size() > ServerFrameScanner.SLOTS) {
          recent.removeLast();
        }
      }
      assertThat(scanner.scans).isEqualTo(order.length);
    });
  }

  /** A frame inside a larger buffer (as in the socket's read buffer) is read only up to its end. */
  @Test
  void stopsAtTheFramesEnd() {
    byte[] ack = MessageCodec.encode(new ServerMessage.Ack(7, 42)).getBytes(StandardCharsets.UTF_8);
    byte[] buffer = new byte[ack.length + 10];
    System.arraycopy(ack, 0, buffer, 3, ack.length);
    ServerFrameScanner scanner = new ServerFrameScanner();
    assertThat(scanner.scan(buffer, 3, ack.length)).isEqualTo(ServerFrameScanner.Kind.ACK);
    assertThat(scanner.scan(buffer, 3, ack.length - 1)).isEqualTo(ServerFrameScanner.Kind.OTHER);
  }

  /** Damaged frames: whatever the scanner still accepts, the full decoder reads the same way. */
  @Test
  void damagedFramesAreEitherLeftToTheDecoderOrReadTheSame() {
    PropertyCheck.forAll("damaged frames", r -> {
      byte[] frame = MessageCodec.encode(opsFrame(r)).getBytes(StandardCharsets.UTF_8);
      int at = r.nextInt(frame.length);
      frame[at] = (byte) "{}[],:\"0-a\\ ".charAt(r.nextInt(12));
      return frame;
    }, frame -> {
      ServerFrameScanner scanner = new ServerFrameScanner();
      ServerFrameScanner.Kind kind = scanner.scan(frame, 0, frame.length);
      if (kind == ServerFrameScanner.Kind.OPS) {
        ServerMessage decoded = MessageCodec.decodeServer(new String(frame, StandardCharsets.UTF_8));
        assertSameAs(scanner, (ServerMessage.Ops) decoded);
      } else if (kind == ServerFrameScanner.Kind.ACK) {
        ServerMessage.Ack decoded = (ServerMessage.Ack) MessageCodec.decodeServer(new String(frame, StandardCharsets.UTF_8));
        assertThat(scanner.ackRev).isEqualTo(decoded.rev());
      }
    });
  }

  private static void assertSameAs(ServerFrameScanner scanner, ServerMessage.Ops message) {
    assertThat(scanner.opCount).isEqualTo(message.ops().size());
    for (int i = 0; i < scanner.opCount; i++) {
      CommittedOp op = message.ops().get(i);
      assertThat(scanner.opRev[i]).isEqualTo(op.rev());
      assertThat(scanner.opSeq[i]).isEqualTo(op.seq());
      assertThat(scanner.clientIdIs(i, op.clientId().getBytes(StandardCharsets.UTF_8))).isTrue();
      assertThat(scanner.clientIdIs(i, (op.clientId() + "x").getBytes(StandardCharsets.UTF_8))).isFalse();
      assertThat(scanner.clientIdIs(i, ("x" + op.clientId()).substring(0, op.clientId().length()).getBytes(StandardCharsets.UTF_8)))
          .isEqualTo(("x" + op.clientId()).substring(0, op.clientId().length()).equals(op.clientId()));
      List<String> expected = new ArrayList<>();
      for (Op component : op.delta()) {
        expected.add(switch (component) {
          case Op.Insert ins -> "i" + ins.length();
          case Op.Retain ret -> "r" + ret.length();
          case Op.Delete del -> "d" + del.length();
        });
      }
      List<String> scanned = new ArrayList<>();
      for (int c = scanner.shapeStart[i]; c < scanner.shapeStart[i + 1]; c++) {
        scanned.add("rid".charAt(scanner.shapeKind[c]) + "" + scanner.shapeLength[c]);
      }
      assertThat(scanned).isEqualTo(expected);
    }
  }

  private static ServerMessage.Ops opsFrame(SplittableRandom r) {
    List<CommittedOp> ops = new ArrayList<>();
    int n = 1 + r.nextInt(70);
    long rev = 1 + r.nextInt(1_000_000);
    for (int i = 0; i < n; i++) {
      ops.add(new CommittedOp(rev + i, "c" + r.nextInt(100), 1 + r.nextInt(1000), delta(r)));
    }
    return new ServerMessage.Ops(ops);
  }

  private static Delta delta(SplittableRandom r) {
    Delta.Builder b = Delta.builder();
    int parts = 1 + r.nextInt(5);
    for (int i = 0; i < parts; i++) {
      switch (r.nextInt(3)) {
        case 0 -> b.retain(1 + r.nextInt(100_000), r.nextBoolean() ? Attributes.EMPTY : Attributes.of("bold", true));
        case 1 -> b.delete(1 + r.nextInt(50));
        default -> {
          StringBuilder text = new StringBuilder();
          int len = 1 + r.nextInt(6);
          for (int k = 0; k < len; k++) {
            if (r.nextInt(8) == 0) {
              text.append("\uD83D\uDE00"); // a surrogate pair
            } else {
              text.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
            }
          }
          b.insert(text.toString(), r.nextBoolean() ? Attributes.EMPTY : Attributes.of("author", "x\"y"));
        }
      }
    }
    Delta d = b.build();
    return d.isEmpty() ? Delta.builder().retain(1).build() : d;
  }
}
