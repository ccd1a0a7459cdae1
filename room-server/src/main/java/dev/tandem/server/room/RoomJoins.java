package dev.tandem.server.room;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.Protocol;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.CommittedOp;
import dev.tandem.protocol.Values.PeerInfo;
import dev.tandem.protocol.Values.PeerState;
import dev.tandem.server.store.StoredOp;
import java.util.List;
import java.util.OptionalLong;

/**
 * Who may enter a room and what they get: {@code hello} is checked (protocol version, room,
 * key → role, same client on a new connection, room limit), answered with a {@code welcome}
 * (catch-up ops or the document, peers, recent chat) and the peers' selections, and announced to
 * the others; a leave is announced too. Called on the room's thread.
 */
final class RoomJoins {
  private final Room room;
  private final RoomConfig config;
  private final Participants participants;
  private final RoomChat chat;
  private final RoomObserver observer;

  RoomJoins(Room room, RoomConfig config, Participants participants, RoomChat chat, RoomObserver observer) {
    this.room = room;
    this.config = config;
    this.participants = participants;
    this.chat = chat;
    this.observer = observer;
  }

  void onJoin(ClientConnection connection, ClientMessage.Hello hello) {
    if (participants.contains(connection)) {
      participants.send(connection, ServerMessage.Error.of(ErrorCode.ALREADY_JOINED, "this connection already joined"));
      return;
    }
    if (hello.v() != Protocol.PROTOCOL_VERSION) {
      connection.close(ErrorCode.UNSUPPORTED_VERSION,
          "protocol version " + hello.v() + " is not supported; this server speaks " + Protocol.PROTOCOL_VERSION);
      return;
    }
    if (!room.ensureLoaded()) {
      connection.close(ErrorCode.UNKNOWN_ROOM, "no room " + room.id() + " on this server");
      return;
    }
    var role = room.record().keys().roleOf(hello.key());
    if (role == null) {
      connection.close(ErrorCode.BAD_KEY, "the key in this link does not open this room");
      return;
    }
    Participant previous = participants.findByClientId(hello.clientId());
    if (previous != null) {
      previous.connection.close(ErrorCode.REPLACED, "the same client joined again on a new connection");
      participants.remove(previous.connection);
    } else if (participants.size() >= config.limits().maxClients()) {
      connection.close(ErrorCode.ROOM_FULL, "the room already has " + participants.size() + " participants");
      return;
    }
    Participant joined = new Participant(connection, hello.clientId(), hello.user(), role);
    List<PeerInfo> peers = participants.all().stream().map(Participant::info).toList();
    participants.send(connection, welcome(joined, hello.since(), peers));
    RoomHistory history = room.history();
    for (Participant other : participants.all()) {
      if (!other.presence.isEmpty()) {
        participants.send(connection, RoomPresence.atDurable(other, history));
      }
      participants.send(other.connection, new ServerMessage.Peer(joined.clientId, joined.user, joined.role, PeerState.JOINED));
    }
    participants.add(joined);
    observer.joined(room.id(), participants.size());
  }

  private ServerMessage.Welcome welcome(Participant joined, OptionalLong since, List<PeerInfo> peers) {
    RoomHistory history = room.history();
    long rev = history.durableRev();
    List<ServerMessage.Chat> recentChat = chat.forWelcome();
    if (since.isPresent() && since.getAsLong() <= rev && rev - since.getAsLong() <= config.maxCatchUpOps()) {
      List<CommittedOp> ops = history.ops(since.getAsLong(), rev).stream().map(RoomJoins::committed).toList();
      return ServerMessage.Welcome.catchUp(rev, ops, joined.info(), peers, recentChat, config.limits());
    }
    return ServerMessage.Welcome.snapshot(rev, history.durableDocument(), joined.info(), peers, recentChat, config.limits());
  }

  void onLeave(ClientConnection connection) {
    Participant left = participants.remove(connection);
    if (left == null) {
      return;
    }
    participants.sendToAll(new ServerMessage.Peer(left.clientId, left.user, left.role, PeerState.LEFT));
    observer.left(room.id(), participants.size());
  }

  private static CommittedOp committed(StoredOp op) {
    return new CommittedOp(op.rev(), op.clientId(), op.seq(), op.delta());
  }
}
