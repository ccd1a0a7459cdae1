package dev.tandem.server.room;

import dev.tandem.protocol.Role;
import dev.tandem.protocol.Values.PeerInfo;
import dev.tandem.protocol.Values.Range;
import dev.tandem.protocol.Values.User;
import java.util.List;

/**
 * One joined connection of a room. Survives hibernation (its socket stays open). Owned by the
 * room's thread.
 */
final class Participant {
  final ClientConnection connection;
  final String clientId;
  final User user;
  final Role role;
  /**
   * Said so in its {@code hello}: it takes its own ops in the batch's shared {@code ops} frame as
   * their acks, so {@link Broadcast} sends it that frame and no {@code ack}s.
   */
  final boolean acksInOps;
  /** {@code {author: clientId}}, stamped on its inserts ({@link AuthorStamp}): one instance for all of them. */
  final dev.tandem.ot.Attributes authorStamp;
  /** Last selection the client sent, transformed to {@link #presenceRev}; empty until it sends one. */
  List<Range> presence = List.of();
  long presenceRev;
  /**
   * Not null while a storage read for one of this participant's messages is out ({@link
   * StaleMessages}): the frames it sent since, in order, handled once the read is back.
   */
  java.util.Deque<dev.tandem.protocol.ClientMessage> held;

  Participant(ClientConnection connection, String clientId, User user, Role role) {
    this(connection, clientId, user, role, false);
  }

  Participant(ClientConnection connection, String clientId, User user, Role role, boolean acksInOps) {
    this.connection = connection;
    this.clientId = clientId;
    this.user = user;
    this.role = role;
    this.acksInOps = acksInOps;
    this.authorStamp = AuthorStamp.author(clientId);
  }

  PeerInfo info() {
    return new PeerInfo(clientId, user, role);
  }
}
