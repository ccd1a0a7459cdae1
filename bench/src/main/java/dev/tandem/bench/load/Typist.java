package dev.tandem.bench.load;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.MessageCodec;
import dev.tandem.protocol.Protocol;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.CommittedOp;
import dev.tandem.protocol.Values.User;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.HdrHistogram.Recorder;

/**
 * One simulated editor for {@link OneThreadLoad}: a correct OT client that types as fast as its
 * acks allow, with at most one op in flight, keeping only the document <em>length</em> at its
 * revision (enough to make valid ops; the server validates lengths). Every revision must be
 * consecutive; an error frame, a gap or a close fails the run.
 *
 * <p>The op in flight and remote ops: the length the client will have after its ack is its
 * length at the ack's base plus the op as the server committed it, i.e. transformed through the
 * remote ops committed before it. An insert's change in length is the same whatever it is
 * transformed through, so an insert in flight is left as it is; a delete in flight is transformed
 * (ot-core, committed ops winning ties) through each remote op's shape, since a remote delete over
 * the same range shortens it.
 *
 * <p>Edits are the same as {@link LoadClient}'s: 1–3 letters inserted at a random position
 * (stamped with {@code author}) or, one time in ten, a delete of 1–3.
 *
 * <p>Threads: everything runs on the driver's one thread.
 */
final class Typist implements RawWebSocket.Handler {
  private final String clientId;
  private final String roomId;
  private final String key;
  private final SplittableRandom random;
  private final Recorder latency;
  private final LongAdder acked;
  private final CountDownLatch joined;
  private final ServerFrameScanner scanner;
  private final Consumer<String> onFailure;
  private RawWebSocket socket;
  /** The clientId as a JSON string, for {@link #submitFrame}. */
  private final String authorJson;
  /** The clientId's bytes, to recognise its own ops in {@code ops} frames. */
  private final byte[] clientIdBytes;
  /**
   * Asks for acks in the shared {@code ops} frame (docs/protocol.md §5): its own op arrives there
   * and is its ack; otherwise acks come as {@code ack} frames and an own op in {@code ops} fails.
   */
  private final boolean acksInOps;

  private long rev = -1;
  private int docLength;
  private long nextSeq = 1;
  /** The op in flight, or null. */
  private Delta outstanding;
  private boolean outstandingIsInsert;
  private long sentAt;
  private boolean typing;
  private boolean closing;

  Typist(String clientId, String roomId, String key, long seed, Recorder latency, LongAdder acked,
      CountDownLatch joined, ServerFrameScanner scanner, Consumer<String> onFailure, boolean acksInOps) {
    this.clientId = clientId;
    this.clientIdBytes = clientId.getBytes(StandardCharsets.UTF_8);
    this.acksInOps = acksInOps;
    this.roomId = roomId;
    this.key = key;
    this.random = new SplittableRandom(seed);
    this.latency = latency;
    this.acked = acked;
    this.joined = joined;
    this.scanner = scanner;
    this.onFailure = onFailure;
    this.authorJson = jsonString(clientId);
  }

  static String jsonString(String value) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  void attach(RawWebSocket ws) throws IOException {
    socket = ws;
    send(new ClientMessage.Hello(Protocol.PROTOCOL_VERSION, roomId, key, clientId,
        new User("load", "#336699"), OptionalLong.empty(), acksInOps));
  }

  /** Starts typing: the first edit now, then one per ack. */
  void start() throws IOException {
    typing = true;
    if (outstanding == null && rev >= 0) {
      sendEdit();
    }
  }

  /** Stops typing: acks still arrive, no new edit is made. */
  void stop() {
    typing = false;
  }

  void close() {
    typing = false;
    closing = true;
    socket.close();
  }

  private void sendEdit() throws IOException {
    int pos = random.nextInt(docLength);
    Delta.Builder change = Delta.builder().retain(pos);
    String text = null;
    int deleted = 0;
    if (random.nextInt(10) == 0 && pos < docLength - 1) {
      deleted = Math.min(1 + random.nextInt(3), docLength - 1 - pos);
      change.delete(deleted);
      outstandingIsInsert = false;
    } else {
      char[] letters = new char[1 + random.nextInt(3)];
      for (int i = 0; i < letters.length; i++) {
        letters[i] = (char) ('a' + random.nextInt(26));
      }
      text = new String(letters);
      change.insert(text, Attributes.of("author", clientId));
      outstandingIsInsert = true;
    }
    outstanding = change.build();
    sentAt = System.nanoTime();
    socket.sendText(submitFrame(rev, nextSeq++, pos, text, deleted, authorJson).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The {@code op} frame of a typing edit, written directly: exactly {@code MessageCodec.encode} of
   * the same {@code Submit} (tested), without a Jackson tree per op. {@code text} holds only
   * lowercase letters (nothing to escape); {@code authorJson} is the JSON string of the clientId.
   */
  static String submitFrame(long base, long seq, int pos, String text, int deleted, String authorJson) {
    StringBuilder f = new StringBuilder(120).append("{\"type\":\"op\",\"base\":").append(base)
        .append(",\"seq\":").append(seq).append(",\"delta\":{\"ops\":[");
    if (pos > 0) {
      f.append("{\"retain\":").append(pos).append("},");
    }
    if (text != null) {
      f.append("{\"insert\":\"").append(text).append("\",\"attributes\":{\"author\":").append(authorJson).append("}}");
    } else {
      f.append("{\"delete\":").append(deleted).append('}');
    }
    return f.append("]}}").toString();
  }

  private void send(ClientMessage message) throws IOException {
    socket.sendText(MessageCodec.encode(message).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void onText(byte[] bytes, int offset, int length) {
    try {
      switch (scanner.scan(bytes, offset, length)) {
        case ACK -> onAckFrame(scanner.ackSeq, scanner.ackRev);
        case OPS -> {
          for (int i = 0; i < scanner.opCount; i++) {
            if (scanner.clientIdIs(i, clientIdBytes)) {
              onOwnOp(scanner.opSeq[i], scanner.opRev[i]);
            } else {
              onRemote(scanner.opRev[i], scanner.shapeStart[i], scanner.shapeStart[i + 1]);
            }
          }
        }
        case OTHER -> handle(MessageCodec.decodeServer(new String(bytes, offset, length, StandardCharsets.UTF_8)));
      }
    } catch (IOException | RuntimeException e) {
      fail("bad frame " + e + ": " + new String(bytes, offset, Math.min(200, length), StandardCharsets.UTF_8));
    }
  }

  private void handle(ServerMessage message) throws IOException {
    switch (message) {
      case ServerMessage.Welcome w -> {
        rev = w.rev();
        docLength = w.doc().orElseThrow().length();
        joined.countDown();
      }
      case ServerMessage.Ack a -> onAckFrame(a.seq(), a.rev());
      case ServerMessage.Ops ops -> {
        for (CommittedOp op : ops.ops()) {
          if (op.clientId().equals(clientId)) {
            onOwnOp(op.seq(), op.rev());
          } else {
            applyRemote(op.rev(), op.delta().changeLength(), op.delta());
          }
        }
      }
      case ServerMessage.Error e -> fail("error " + e);
      default -> { }
    }
  }

  private void onAckFrame(long seq, long ackRev) throws IOException {
    if (acksInOps) {
      fail("an ack frame (seq " + seq + ") although acks come in ops");
      return;
    }
    onAck(seq, ackRev);
  }

  /** Its own op in an {@code ops} frame: its ack, when it asked for that. */
  private void onOwnOp(long seq, long opRev) throws IOException {
    if (!acksInOps) {
      fail("its own op (seq " + seq + ") in an ops frame although it takes ack frames");
      return;
    }
    onAck(seq, opRev);
  }

  private void onAck(long seq, long ackRev) throws IOException {
    latency.recordValue(Math.max(1, (System.nanoTime() - sentAt) / 1_000));
    acked.increment();
    if (outstanding == null) {
      fail("ack rev " + ackRev + " with no op in flight");
      return;
    }
    if (seq != nextSeq - 1) {
      fail("ack of seq " + seq + " while seq " + (nextSeq - 1) + " is in flight");
    }
    if (ackRev != rev + 1) {
      fail("ack rev " + ackRev + " after " + rev);
    }
    rev = ackRev;
    docLength += outstanding.changeLength();
    outstanding = null;
    if (typing) {
      sendEdit();
    }
  }

  /** A remote op from the scanner: shape components [from, to). */
  private void onRemote(long opRev, int from, int to) {
    int change = 0;
    for (int i = from; i < to; i++) {
      switch (scanner.shapeKind[i]) {
        case ServerFrameScanner.INSERT -> change += scanner.shapeLength[i];
        case ServerFrameScanner.DELETE -> change -= scanner.shapeLength[i];
        default -> { }
      }
    }
    Delta shape = null;
    if (outstanding != null && !outstandingIsInsert) {
      Delta.Builder b = Delta.builder();
      for (int i = from; i < to; i++) {
        int n = scanner.shapeLength[i];
        switch (scanner.shapeKind[i]) {
          case ServerFrameScanner.INSERT -> b.insert("x".repeat(n)); // content changes no length
          case ServerFrameScanner.DELETE -> b.delete(n);
          default -> b.retain(n);
        }
      }
      shape = b.build();
    }
    applyRemote(opRev, change, shape);
  }

  /**
   * Someone else's op committed at {@code opRev}, changing the length by {@code change}; {@code
   * shape} is needed (non-null) only while a delete is in flight.
   */
  private void applyRemote(long opRev, int change, Delta shape) {
    if (opRev != rev + 1) {
      fail("op rev " + opRev + " after " + rev);
    }
    // docLength is the length at rev without our op in flight: the remote op as committed.
    docLength += change;
    if (outstanding != null && !outstandingIsInsert) {
      outstanding = shape.transform(outstanding, true);
    }
    rev = opRev;
  }

  @Override
  public void onClosed(int code, String reason) {
    if (!closing) {
      fail("closed " + code + " " + reason);
    }
  }

  private void fail(String why) {
    onFailure.accept(clientId + ": " + why);
  }
}
