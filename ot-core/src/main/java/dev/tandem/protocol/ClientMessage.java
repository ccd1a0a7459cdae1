package dev.tandem.protocol;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.Values.Range;
import dev.tandem.protocol.Values.User;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A frame a client sends. Each record names its wire {@code type}; docs/protocol.md has the field
 * rules. Records are immutable (lists and sets are copied).
 */
public sealed interface ClientMessage {

  /** The value of the frame's {@code type} field. */
  String type();

  /**
   * First frame on every connection.
   *
   * @param v protocol version, {@link Protocol#PROTOCOL_VERSION}
   * @param since last revision the client knows, or empty for a fresh join (then it gets a snapshot)
   * @param acksInOps the client recognises its own ops in {@code ops} frames as their acks
   * @param pending the client has edits the server has not acknowledged, based on {@code since}:
   *     an editor's reconnect then gets the ops since from much further back instead of a
   *     snapshot, so that those edits can be rebased (docs/protocol.md §6)
   *     (docs/protocol.md §5, "Acks in ops"): the server then sends it the batch's shared frame
   *     instead of separate {@code ack} frames. Optional on the wire; absent means false.
   */
  record Hello(int v, String room, String key, String clientId, User user, OptionalLong since,
      boolean acksInOps, boolean pending) implements ClientMessage {
    /** A hello without {@code acksInOps} (acks as separate frames). */
    public Hello(int v, String room, String key, String clientId, User user, OptionalLong since) {
      this(v, room, key, clientId, user, since, false);
    }

    /** A hello that declares no unacknowledged edits. */
    public Hello(int v, String room, String key, String clientId, User user, OptionalLong since,
        boolean acksInOps) {
      this(v, room, key, clientId, user, since, acksInOps, false);
    }

    public Hello {
      Objects.requireNonNull(room, "room");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(user, "user");
      since = since == null ? OptionalLong.empty() : since;
      if (since.isPresent() && since.getAsLong() < 0) {
        throw new IllegalArgumentException("since must be ≥ 0, was " + since.getAsLong());
      }
    }

    @Override
    public String type() {
      return "hello";
    }

    /** Keys are secrets: never in logs. */
    @Override
    public String toString() {
      return "Hello[v=" + v + ", room=" + room + ", key=<redacted>, clientId=" + clientId
          + ", user=" + user + ", since=" + since + ", acksInOps=" + acksInOps + ", pending=" + pending + "]";
    }
  }

  /**
   * A change made against revision {@code base}. Wire type {@code op}. At most one in flight per
   * client; {@code seq} counts from 1 and is never reused by a clientId.
   */
  record Submit(long base, long seq, Delta delta) implements ClientMessage {
    public Submit {
      Objects.requireNonNull(delta, "delta");
      if (base < 0 || seq < 1) {
        throw new IllegalArgumentException("base must be ≥ 0 and seq ≥ 1, were " + base + ", " + seq);
      }
    }

    @Override
    public String type() {
      return "op";
    }
  }

  /** The client's selections at revision {@code base}; empty = no selection (e.g. unfocused). */
  record Presence(long base, List<Range> ranges) implements ClientMessage {
    public Presence {
      ranges = List.copyOf(ranges);
      if (base < 0) {
        throw new IllegalArgumentException("base must be ≥ 0, was " + base);
      }
    }

    @Override
    public String type() {
      return "presence";
    }
  }

  /** A chat line. */
  record Chat(String text) implements ClientMessage {
    public Chat {
      Objects.requireNonNull(text, "text");
    }

    @Override
    public String type() {
      return "chat";
    }
  }

  /**
   * Admin only: replace the keys of {@code roles} with fresh ones. Connections that joined with a
   * replaced key are closed with {@link ErrorCode#KEY_REVOKED} (except the sender). Wire type
   * {@code rotate-keys}; answered with {@link ServerMessage.Keys}.
   */
  record RotateKeys(Set<Role> roles) implements ClientMessage {
    public RotateKeys {
      roles = Set.copyOf(roles);
      if (roles.isEmpty()) {
        throw new IllegalArgumentException("roles must name at least one role");
      }
    }

    @Override
    public String type() {
      return "rotate-keys";
    }
  }

  /**
   * Admin only: disconnect {@code clientId} with {@link ErrorCode#REMOVED}. Answered with
   * {@link ServerMessage.Removed}. Removal does not revoke a key; rotate keys to keep them out.
   */
  record Remove(String clientId) implements ClientMessage {
    public Remove {
      Objects.requireNonNull(clientId, "clientId");
    }

    @Override
    public String type() {
      return "remove";
    }
  }
}
