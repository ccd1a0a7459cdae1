package dev.tandem.server.room;

import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.CommittedOp;
import dev.tandem.server.store.StoredOp;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells every participant about a durable batch: its own ops as {@code ack}s, everyone else's in
 * {@code ops} frames, in revision order (an ack never overtakes an earlier op of someone else, so
 * a client's revision always advances by one). Own ops are recognised by clientId, which also
 * covers a client that reconnected while its op was being written.
 */
final class Broadcast {
  private Broadcast() {}

  static void committed(Room room, List<StoredOp> batch, Iterable<Participant> participants) {
    for (Participant p : participants) {
      List<CommittedOp> others = new ArrayList<>();
      for (StoredOp op : batch) {
        if (op.clientId().equals(p.clientId)) {
          if (!others.isEmpty()) {
            room.send(p.connection, new ServerMessage.Ops(others));
            others = new ArrayList<>();
          }
          room.send(p.connection, new ServerMessage.Ack(op.seq(), op.rev()));
        } else {
          others.add(new CommittedOp(op.rev(), op.clientId(), op.seq(), op.delta()));
        }
      }
      if (!others.isEmpty()) {
        room.send(p.connection, new ServerMessage.Ops(others));
      }
    }
  }
}
