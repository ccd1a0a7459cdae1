package dev.tandem.server.room;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.server.store.RoomStore;
import dev.tandem.server.store.StoredOp;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * An {@code op} or {@code presence} whose base is older than the committed ops the room keeps in
 * memory, handled without making the room's thread wait for storage. The room reads the missing
 * ops {@code (base, upTo]} on a {@link CatchUpReads} thread, where the message is also moved
 * through them (ops and values are immutable): it comes back through the mailbox as the same
 * message made at {@code upTo}, which memory covers, and is handled like any other.
 *
 * <p>Moving a message to {@code upTo} first and to the head afterwards is the same sequence of
 * transforms as moving it to the head at once: committed ops win ties either way, and presence is
 * clamped to the document only at the end (the read side does not clamp).
 *
 * <p>Order per connection: while its read is out, the participant is <i>parked</i> ({@link
 * Participant#held} not null) and every later frame of that connection waits there, to be handled
 * in order after the message that was read for. The rest of the room goes on. A participant that
 * leaves or is replaced meanwhile is forgotten with its held frames (the result finds no one).
 * Owned by the room's thread, except {@link #read}'s task.
 */
final class StaleMessages {
  private final String roomId;
  private final RoomStore store;
  private final Consumer<RoomCommand> mailbox;
  /** Reads started and not yet back (whether or not their participant is still here). */
  private int outstanding;

  StaleMessages(String roomId, RoomStore store, Consumer<RoomCommand> mailbox) {
    this.roomId = roomId;
    this.store = store;
    this.mailbox = mailbox;
  }

  /**
   * Parks {@code from} and reads the ops {@code (message.base, upTo]} for it. {@code upTo} must be
   * durable and {@code ≥ base}: the newest op memory no longer has.
   */
  void read(Participant from, ClientMessage message, long base, long upTo) {
    from.held = new ArrayDeque<>();
    outstanding++;
    CatchUpReads.run(() -> {
      RoomCommand result;
      try {
        List<StoredOp> ops = store.ops(roomId, base, upTo);
        if (ops.size() != upTo - base) {
          throw new IllegalStateException("storage returned " + ops.size() + " ops for revisions ("
              + base + ", " + upTo + "] of room " + roomId);
        }
        result = new RoomCommand.StaleMoved(from.connection, moved(message, ops, upTo), null);
      } catch (RuntimeException | Error e) {
        // An Error too (the heap running out on a long history): the room must hear back, or
        // the participant stays parked for ever, holding every frame it sends.
        result = new RoomCommand.StaleMoved(from.connection, message, e);
      }
      mailbox.accept(result);
    });
  }

  /** A read came back (the room handles its result). */
  void done() {
    outstanding--;
  }

  /** True when no read is out. */
  boolean idle() {
    return outstanding == 0;
  }

  /**
   * A stale op whose lengths pass 2^31 − 1 once moved (it fits no document): bad input, refused
   * with {@code length-mismatch} like the same op made at a base memory covers, not a storage
   * failure.
   */
  static final class DoesNotFit extends RuntimeException {
    final long seq;

    DoesNotFit(long seq, IllegalArgumentException cause) {
      super("the change does not fit the document: " + cause.getMessage(), cause);
      this.seq = seq;
    }
  }

  /**
   * {@code message}, made at its base, moved through {@code ops} to be made at {@code upTo}.
   *
   * @throws DoesNotFit for an op that cannot be moved
   */
  static ClientMessage moved(ClientMessage message, List<StoredOp> ops, long upTo) {
    return switch (message) {
      case ClientMessage.Submit op -> new ClientMessage.Submit(upTo, op.seq(), rebased(op, ops));
      case ClientMessage.Presence presence ->
          new ClientMessage.Presence(upTo, PresenceTransform.to(presence.ranges(), ops, Integer.MAX_VALUE));
      default -> throw new IllegalArgumentException("only op and presence carry a base: " + message.type());
    };
  }

  private static dev.tandem.ot.Delta rebased(ClientMessage.Submit op, List<StoredOp> ops) {
    try {
      return RoomHistory.rebase(ops, op.delta());
    } catch (IllegalArgumentException e) {
      throw new DoesNotFit(op.seq(), e);
    }
  }
}
