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
   * Not null while this participant is <i>parked</i>: the frames it sent since, in order, handled
   * once it is resumed. It is parked while a storage read for one of its messages is out ({@link
   * StaleMessages}), or while {@link #heldReplies} wait for an ack; never for both at once (either
   * starts only while handling one of its frames, which happens only while it is not parked).
   */
  java.util.Deque<RoomCommand.FromClient> held;
  /**
   * The revision of its latest op accepted (or resent while not yet durable), 0 before it sent
   * one: its ack is outstanding until the room has broadcast that revision. Answers to its later
   * frames wait for that ack ({@link Participants#reply}).
   */
  long ackPendingRev;
  /**
   * Not null while answers to its frames wait for an outstanding ack ({@link #ackPendingRev}),
   * in order; it is parked meanwhile, so answers to its later frames come after them.
   */
  java.util.List<dev.tandem.protocol.ServerMessage> heldReplies;

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
