package dev.tandem.server.room;

import dev.tandem.protocol.MessageCodec;
import dev.tandem.server.json.StreamingDeltaJson;
import dev.tandem.server.store.StoredOp;
import java.util.Arrays;
import java.util.List;

/**
 * Tells every participant about a durable batch: its own ops as {@code ack}s, everyone else's in
 * {@code ops} frames, in revision order (an ack never overtakes an earlier op of someone else, so
 * a client's revision always advances by one). Own ops are recognised by clientId, which also
 * covers a client that reconnected while its op was being written.
 *
 * <p>Cost: each op of the batch is JSON-encoded at most once per batch, however many participants
 * receive it; every recipient's {@code ops} frame is assembled from those pieces by string
 * concatenation ({@link MessageCodec#opsFrame}), and the frame of the whole batch (what every
 * participant without an op in it receives) is built once and shared.
 */
final class Broadcast {
  private Broadcast() {}

  /** Where frames go: a connection, the frame, its size in UTF-8. */
  @FunctionalInterface
  interface Sender {
    void send(ClientConnection connection, String frame, long utf8Bytes);
  }

  static void committed(Sender room, List<StoredOp> batch, Iterable<Participant> participants) {
    Pieces pieces = new Pieces(batch);
    int n = batch.size();
    for (Participant p : participants) {
      int from = 0;
      for (int i = 0; i < n; i++) {
        StoredOp op = batch.get(i);
        if (op.clientId().equals(p.clientId)) {
          if (i > from) {
            pieces.send(room, p.connection, from, i);
          }
          String ack = MessageCodec.ackFrame(op.seq(), op.rev());
          room.send(p.connection, ack, ack.length()); // ASCII
          from = i + 1;
        }
      }
      if (from < n) {
        pieces.send(room, p.connection, from, n);
      }
    }
  }

  /**
   * The batch's ops, each encoded (and its UTF-8 size counted) on first use; the whole batch's
   * frame cached.
   */
  private static final class Pieces {
    /** {@code {"type":"ops","ops":[} and {@code ]}}: ASCII. */
    private static final int FRAME_OVERHEAD = "{\"type\":\"ops\",\"ops\":[".length() + 2;

    private final List<StoredOp> batch;
    private final String[] encoded;
    private final long[] bytes;
    private String whole;

    Pieces(List<StoredOp> batch) {
      this.batch = batch;
      this.encoded = new String[batch.size()];
      this.bytes = new long[batch.size()];
    }

    void send(Sender room, ClientConnection to, int from, int until) {
      String frame = opsFrame(from, until);
      long size = FRAME_OVERHEAD + (until - from - 1);
      for (int i = from; i < until; i++) {
        size += bytes[i];
      }
      room.send(to, frame, size);
    }

    String opsFrame(int from, int to) {
      boolean all = from == 0 && to == encoded.length;
      if (all && whole != null) {
        return whole;
      }
      for (int i = from; i < to; i++) {
        if (encoded[i] == null) {
          StoredOp op = batch.get(i);
          encoded[i] = StreamingDeltaJson.committedOp(op.rev(), op.clientId(), op.seq(), op.delta());
          bytes[i] = ClientConnection.utf8Length(encoded[i]);
        }
      }
      String frame = MessageCodec.opsFrame(Arrays.asList(encoded).subList(from, to));
      if (all) {
        whole = frame;
      }
      return frame;
    }
  }
}
