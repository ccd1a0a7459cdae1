package dev.tandem.server.room;

import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.server.store.StoredOp;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The joined connections of one room, in join order, and the room's way of sending to them (every
 * frame queued is counted for the room's metrics). Survives hibernation: sockets stay open while
 * the document leaves memory. Owned by the room's thread.
 *
 * <p><b>The outbox.</b> Everything the room sends to or closes on a connection — to participants
 * and to connections still joining — goes through this class, which hands it to the room's
 * outbox: a queue drained by one thread at a time (a {@link Mailbox} on the room executor's
 * virtual threads), in the order the room's thread asked. So each connection gets its frames in
 * the room's order (a presence made at rev N after the ops up to N, an error frame before its
 * close), while the room's thread does not wait for the transport: a durable batch's fan-out
 * (encoding the shared frame, queueing and flushing it on every socket: most of the room's
 * work per batch in a busy room) runs beside the room handling the next ops. Connections are
 * thread-safe ({@link ClientConnection}); the room's state is never touched by the outbox, which
 * sees only immutable ops and frames and a copy of the participant list.
 */
final class Participants {
  private static final Logger log = LoggerFactory.getLogger(Participants.class);

  private final String roomId;
  private final RoomObserver observer;
  private final Map<ClientConnection, Participant> byConnection = new LinkedHashMap<>();
  private final Mailbox<Runnable> outbox;
  /** Every op up to this revision has been broadcast: its ack is on the outbox. */
  private long broadcastUpTo;
  /** Participants whose {@link Participant#heldReplies} wait for an ack, in the order they began to. */
  private final List<Participant> awaitingAck = new ArrayList<>();

  Participants(String roomId, RoomObserver observer, Executor executor) {
    this.roomId = roomId;
    this.observer = observer;
    this.outbox = new Mailbox<>(executor, Runnable::run,
        failure -> log.warn("room {}: sending to a connection failed", roomId, failure));
  }

  Participant get(ClientConnection connection) {
    return byConnection.get(connection);
  }

  boolean contains(ClientConnection connection) {
    return byConnection.containsKey(connection);
  }

  void add(Participant p) {
    byConnection.put(p.connection, p);
  }

  Participant remove(ClientConnection connection) {
    Participant removed = byConnection.remove(connection);
    if (removed != null && removed.heldReplies != null) {
      awaitingAck.remove(removed);
    }
    return removed;
  }

  boolean isEmpty() {
    return byConnection.isEmpty();
  }

  int size() {
    return byConnection.size();
  }

  /** Live view, in join order; do not add or remove while iterating. */
  Collection<Participant> all() {
    return byConnection.values();
  }

  Participant findByClientId(String clientId) {
    for (Participant p : byConnection.values()) {
      if (p.clientId.equals(clientId)) {
        return p;
      }
    }
    return null;
  }

  /** Queues {@code message} to {@code connection} through the outbox. */
  void send(ClientConnection connection, ServerMessage message) {
    outbox.tell(() -> {
      if (connection.send(message)) {
        observer.sent(roomId);
      }
    });
  }

  /** Closes {@code connection} with an error frame for {@code code}, after what was queued to it. */
  void close(ClientConnection connection, ErrorCode code, String message) {
    outbox.tell(() -> connection.close(code, message));
  }

  /**
   * Tells everyone here now about a durable batch ({@link Broadcast}), on the outbox: the frames
   * are encoded and queued there, after everything the room sent before and before anything it
   * sends later.
   */
  void broadcast(List<StoredOp> batch) {
    List<Participant> recipients = List.copyOf(byConnection.values());
    outbox.tell(() -> Broadcast.committed(this::sendHeldNow, batch, recipients));
    broadcastUpTo = batch.getLast().rev();
  }

  /**
   * Answers a frame of {@code to} (an error, an ack of a resend, {@code keys}…): at once, unless
   * the ack of an op it sent before is still outstanding ({@link Participant#ackPendingRev}). Then
   * the answer waits for that ack, and {@code to} is parked, so that the frames it sent after are
   * handled, and answered, after it: the server never reorders frames on a connection
   * (docs/protocol.md §1). Called while handling one of {@code to}'s frames (it is not parked then).
   */
  void reply(Participant to, ServerMessage message) {
    if (to.ackPendingRev <= broadcastUpTo) {
      send(to.connection, message);
      return;
    }
    if (to.heldReplies == null) {
      to.heldReplies = new ArrayList<>();
      to.held = new ArrayDeque<>();
      awaitingAck.add(to);
    }
    to.heldReplies.add(message);
  }

  /**
   * After a {@link #broadcast}: sends the held answers of every participant whose ack has just
   * gone out (on the outbox, so after it) and returns those participants, still parked: the room
   * resumes them, handling the frames they sent meanwhile. Costs nothing when no answer waits.
   */
  List<Participant> releaseReplies() {
    if (awaitingAck.isEmpty()) {
      return List.of();
    }
    List<Participant> released = new ArrayList<>();
    for (var it = awaitingAck.iterator(); it.hasNext(); ) {
      Participant p = it.next();
      if (p.ackPendingRev <= broadcastUpTo) {
        it.remove();
        p.heldReplies.forEach(message -> send(p.connection, message));
        p.heldReplies = null;
        released.add(p);
      }
    }
    return released;
  }

  /**
   * On the outbox: a frame already encoded; held until the connection's next write unless it is
   * the {@code last} of the batch for that connection, which is written with those held.
   */
  private void sendHeldNow(ClientConnection connection, OutboundFrame frame, boolean last) {
    if (last ? connection.sendLast(frame) : connection.sendHeld(frame)) {
      observer.sent(roomId);
    }
  }

  void sendToAll(ServerMessage message) {
    byConnection.values().forEach(p -> send(p.connection, message));
  }

  void sendToOthers(Participant from, ServerMessage message) {
    for (Participant p : byConnection.values()) {
      if (p != from) {
        send(p.connection, message);
      }
    }
  }

  /** A non-fatal {@code error} answering a frame of one participant ({@link #reply}), naming the op it refers to, if any. */
  void reject(Participant to, ErrorCode code, String message, long seq) {
    reply(to, new ServerMessage.Error(code, message, code.fatal(),
        seq > 0 ? java.util.OptionalLong.of(seq) : java.util.OptionalLong.empty()));
  }

  /**
   * A participant is gone (its connection closed, or the room ended it): forgets it and tells the
   * others {@code peer left}. False if it was not here (already gone).
   */
  boolean leave(ClientConnection connection) {
    Participant left = remove(connection);
    if (left == null) {
      return false;
    }
    sendToAll(new ServerMessage.Peer(left.clientId, left.user, left.role, dev.tandem.protocol.Values.PeerState.LEFT));
    observer.left(roomId, size());
    return true;
  }

  /**
   * Ends {@code p}'s connection for a fatal error: the error frame and the close follow what was
   * queued to it, and it leaves the room at once, so that no frame it sent after the one that
   * caused this — already on its way to the room — is handled (docs/protocol.md §9). Its
   * connection's own close, reported later, finds it gone.
   */
  void expel(Participant p, ErrorCode code, String message) {
    close(p.connection, code, message);
    leave(p.connection);
  }

  /** Closes every connection with {@code code} and forgets them all. */
  void closeAll(ErrorCode code, String message) {
    for (Participant p : byConnection.values()) {
      close(p.connection, code, message);
    }
    byConnection.clear();
    awaitingAck.clear();
  }
}
