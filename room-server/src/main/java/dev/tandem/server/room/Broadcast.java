package dev.tandem.server.room;

import dev.tandem.protocol.MessageCodec;
import dev.tandem.protocol.Values.CommittedOp;
import dev.tandem.server.store.StoredOp;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

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

  static void committed(Room room, List<StoredOp> batch, Iterable<Participant> participants) {
    committed(room::sendFrame, batch, participants);
  }

  static void committed(BiConsumer<ClientConnection, String> room, List<StoredOp> batch,
      Iterable<Participant> participants) {
    Pieces pieces = new Pieces(batch);
    int n = batch.size();
    for (Participant p : participants) {
      int from = 0;
      for (int i = 0; i < n; i++) {
        StoredOp op = batch.get(i);
        if (op.clientId().equals(p.clientId)) {
          if (i > from) {
            room.accept(p.connection, pieces.opsFrame(from, i));
          }
          room.accept(p.connection, MessageCodec.ackFrame(op.seq(), op.rev()));
          from = i + 1;
        }
      }
      if (from < n) {
        room.accept(p.connection, pieces.opsFrame(from, n));
      }
    }
  }

  /** The batch's ops, each encoded on first use; the whole batch's frame cached. */
  private static final class Pieces {
    private final List<StoredOp> batch;
    private final String[] encoded;
    private String whole;

    Pieces(List<StoredOp> batch) {
      this.batch = batch;
      this.encoded = new String[batch.size()];
    }

    String opsFrame(int from, int to) {
      boolean all = from == 0 && to == encoded.length;
      if (all && whole != null) {
        return whole;
      }
      for (int i = from; i < to; i++) {
        if (encoded[i] == null) {
          StoredOp op = batch.get(i);
          encoded[i] = MessageCodec.encodeCommittedOp(new CommittedOp(op.rev(), op.clientId(), op.seq(), op.delta()));
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
