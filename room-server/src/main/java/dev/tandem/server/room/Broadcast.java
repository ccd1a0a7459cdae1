package dev.tandem.server.room;

import dev.tandem.protocol.MessageCodec;
import dev.tandem.server.json.StreamingDeltaJson;
import dev.tandem.server.store.StoredOp;
import java.util.Arrays;
import java.util.List;

/**
 * Tells every participant about a durable batch, in revision order (so a client's revision always
 * advances by one):
 *
 * <ul>
 *   <li>a participant that asked for {@code acksInOps} in its {@code hello} gets the batch's one
 *       shared {@code ops} frame, its own ops included: it recognises them by clientId and seq and
 *       takes each as its ack (docs/protocol.md §5, "Acks in ops"). Every such participant gets the
 *       same bytes, encoded once per batch;
 *   <li>any other participant gets its own ops as {@code ack}s and everyone else's in {@code ops}
 *       frames (an ack never overtakes an earlier op of someone else).
 * </ul>
 *
 * Own ops are recognised by clientId, which also covers a client that reconnected while its op
 * was being written.
 *
 * <p>Cost: each op of the batch is JSON-encoded at most once per batch, however many participants
 * receive it; every recipient's {@code ops} frame is assembled from those pieces by string
 * concatenation ({@link MessageCodec#opsFrame}), and the frame of the whole batch (what every
 * participant without an op in it receives) is built, and turned into UTF-8, once and shared.
 * A participant's frames of one batch are held and written together with its last one ({@link
 * ClientConnection#sendHeld}, {@link ClientConnection#sendLast}): one socket write per
 * participant per batch, not one per frame; a participant with one frame (all that take acks in
 * ops) has it written at once, never held.
 */
final class Broadcast {
  private Broadcast() {}

  /**
   * Where frames go: queued on a connection; each but a participant's {@code last} frame of the
   * batch may be held, and the last one is written with those held before it.
   */
  @FunctionalInterface
  interface Sender {
    void send(ClientConnection connection, OutboundFrame frame, boolean last);
  }

  static void committed(Sender room, List<StoredOp> batch, Iterable<Participant> participants) {
    Pieces pieces = new Pieces(batch);
    int n = batch.size();
    for (Participant p : participants) {
      if (p.acksInOps) {
        room.send(p.connection, pieces.opsFrame(0, n), true);
        continue;
      }
      // A frame waits here until the next one (or the end) says whether it is the last.
      OutboundFrame pending = null;
      int from = 0;
      for (int i = 0; i < n; i++) {
        StoredOp op = batch.get(i);
        if (op.clientId().equals(p.clientId)) {
          if (i > from) {
            pending = sendBefore(room, p, pending, pieces.opsFrame(from, i));
          }
          pending = sendBefore(room, p, pending, new OutboundFrame(MessageCodec.ackFrame(op.seq(), op.rev())));
          from = i + 1;
        }
      }
      if (from < n) {
        pending = sendBefore(room, p, pending, pieces.opsFrame(from, n));
      }
      room.send(p.connection, pending, true); // n ≥ 1: every participant gets a frame
    }
  }

  /** Sends {@code pending}, if any, as not the last frame; {@code next} becomes the pending one. */
  private static OutboundFrame sendBefore(Sender room, Participant p, OutboundFrame pending, OutboundFrame next) {
    if (pending != null) {
      room.send(p.connection, pending, false);
    }
    return next;
  }

  /** The batch's ops, each encoded on first use; the whole batch's frame cached. */
  private static final class Pieces {
    private final List<StoredOp> batch;
    private final String[] encoded;
    private OutboundFrame whole;

    Pieces(List<StoredOp> batch) {
      this.batch = batch;
      this.encoded = new String[batch.size()];
    }

    OutboundFrame opsFrame(int from, int to) {
      boolean all = from == 0 && to == encoded.length;
      if (all && whole != null) {
        return whole;
      }
      for (int i = from; i < to; i++) {
        if (encoded[i] == null) {
          StoredOp op = batch.get(i);
          encoded[i] = StreamingDeltaJson.committedOp(op.rev(), op.clientId(), op.seq(), op.delta());
        }
      }
      OutboundFrame frame = new OutboundFrame(MessageCodec.opsFrame(Arrays.asList(encoded).subList(from, to)));
      if (all) {
        whole = frame;
      }
      return frame;
    }
  }
}
