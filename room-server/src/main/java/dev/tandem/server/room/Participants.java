package dev.tandem.server.room;

import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.ServerMessage;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The joined connections of one room, in join order, and the room's way of sending to them (every
 * frame queued is counted for the room's metrics). Survives hibernation: sockets stay open while
 * the document leaves memory. Owned by the room's thread.
 */
final class Participants {
  private final String roomId;
  private final RoomObserver observer;
  private final Map<ClientConnection, Participant> byConnection = new LinkedHashMap<>();

  Participants(String roomId, RoomObserver observer) {
    this.roomId = roomId;
    this.observer = observer;
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
    return byConnection.remove(connection);
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

  void send(ClientConnection connection, ServerMessage message) {
    if (connection.send(message)) {
      observer.sent(roomId);
    }
  }

  /** Sends a frame already encoded, which may be held until {@link ClientConnection#flush}. */
  void sendHeld(ClientConnection connection, OutboundFrame frame) {
    if (connection.sendHeld(frame)) {
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

  /** A non-fatal or fatal {@code error} to one participant, naming the op it refers to, if any. */
  void reject(Participant to, ErrorCode code, String message, long seq) {
    send(to.connection, new ServerMessage.Error(code, message, code.fatal(),
        seq > 0 ? java.util.OptionalLong.of(seq) : java.util.OptionalLong.empty()));
  }

  /** Closes every connection with {@code code} and forgets them all. */
  void closeAll(ErrorCode code, String message) {
    for (Participant p : byConnection.values()) {
      p.connection.close(code, message);
    }
    byConnection.clear();
  }
}
