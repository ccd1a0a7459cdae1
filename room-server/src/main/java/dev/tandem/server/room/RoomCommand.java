package dev.tandem.server.room;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.server.store.ChatRecord;
import dev.tandem.server.store.StoredOp;
import java.util.List;

/** What a {@link Room}'s mailbox carries: requests from connections and results of its own I/O. */
sealed interface RoomCommand {
  record Join(ClientConnection connection, ClientMessage.Hello hello) implements RoomCommand {}

  /**
   * A frame of a connection after its {@code hello}, as the connection read it. These are handled
   * strictly in the order the connection sent them, and so are their answers (docs/protocol.md
   * §1): one that must wait (for a storage read, or for an earlier op's ack) is held with those
   * after it ({@link Participant#held}).
   */
  sealed interface FromClient extends RoomCommand {
    ClientConnection connection();
  }

  record Receive(ClientConnection connection, ClientMessage message) implements FromClient {}

  /**
   * A frame the connection could not decode, with the non-fatal error that answers it: sent by the
   * room, in its turn, like any other answer to the connection.
   */
  record Refused(ClientConnection connection, ServerMessage.Error error) implements FromClient {}

  record Leave(ClientConnection connection) implements RoomCommand {}

  /**
   * A storage write of {@code batch} finished; {@code failure} is null when it is durable.
   * {@code generation} says which incarnation of the room's memory started it.
   */
  record WriteDone(List<StoredOp> batch, Throwable failure, long generation) implements RoomCommand {}

  /**
   * A catch-up read for a waiting joiner finished: {@code ops} are the committed ops after
   * {@code since} that storage had (rev order, from since + 1), or {@code failure} says why not.
   */
  record CatchUpRead(ClientConnection connection, long since, List<StoredOp> ops, Throwable failure)
      implements RoomCommand {}

  /**
   * A stale {@code op} or {@code presence} of {@code connection} after its storage read: {@code
   * message} is now made at a revision memory covers, or {@code failure} says why it could not be
   * (then {@code message} is the original).
   */
  record StaleMoved(ClientConnection connection, ClientMessage message, Throwable failure)
      implements RoomCommand {}

  record ChatStored(ChatRecord message, Throwable failure) implements RoomCommand {}

  /** The idle timer fired. */
  record HibernationCheck() implements RoomCommand {}

  record Shutdown() implements RoomCommand {}
}
