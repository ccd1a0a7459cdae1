package dev.tandem.protocol;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.Values.CommittedOp;
import dev.tandem.protocol.Values.Limits;
import dev.tandem.protocol.Values.PeerInfo;
import dev.tandem.protocol.Values.PeerState;
import dev.tandem.protocol.Values.Range;
import dev.tandem.protocol.Values.User;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A frame a server sends. Each record names its wire {@code type}; docs/protocol.md has the field
 * rules. Records are immutable (collections are copied).
 */
public sealed interface ServerMessage {

  /** The value of the frame's {@code type} field. */
  String type();

  /**
   * Answer to {@code hello}. Exactly one of {@code doc} (a snapshot: the document at {@code rev})
   * and {@code ops} (catch-up: every op in ({@code hello.since}, {@code rev}], oldest first) is
   * present.
   */
  record Welcome(long rev, Optional<Delta> doc, Optional<List<CommittedOp>> ops, PeerInfo you,
      List<PeerInfo> peers, List<Chat> chat, Limits limits) implements ServerMessage {
    public Welcome {
      Objects.requireNonNull(you, "you");
      Objects.requireNonNull(limits, "limits");
      doc = doc == null ? Optional.empty() : doc;
      ops = ops == null ? Optional.empty() : ops.map(List::copyOf);
      peers = List.copyOf(peers);
      chat = List.copyOf(chat);
      if (doc.isPresent() == ops.isPresent()) {
        throw new IllegalArgumentException("welcome carries exactly one of doc and ops");
      }
      if (doc.isPresent() && !doc.get().isDocument()) {
        throw new IllegalArgumentException("welcome.doc must be a document (inserts only)");
      }
      if (rev < 0) {
        throw new IllegalArgumentException("rev must be ≥ 0, was " + rev);
      }
    }

    /** A welcome with the whole document. */
    public static Welcome snapshot(long rev, Delta doc, PeerInfo you, List<PeerInfo> peers,
        List<Chat> chat, Limits limits) {
      return new Welcome(rev, Optional.of(doc), Optional.empty(), you, peers, chat, limits);
    }

    /** A welcome with the ops since the client's {@code since}. */
    public static Welcome catchUp(long rev, List<CommittedOp> ops, PeerInfo you,
        List<PeerInfo> peers, List<Chat> chat, Limits limits) {
      return new Welcome(rev, Optional.empty(), Optional.of(ops), you, peers, chat, limits);
    }

    @Override
    public String type() {
      return "welcome";
    }
  }

  /** The client's op {@code seq} is durable at revision {@code rev}. */
  record Ack(long seq, long rev) implements ServerMessage {
    public Ack {
      if (seq < 1 || rev < 1) {
        throw new IllegalArgumentException("seq and rev must be ≥ 1, were " + seq + ", " + rev);
      }
    }

    @Override
    public String type() {
      return "ack";
    }
  }

  /** Ops committed by others, consecutive revisions, oldest first. Never empty. */
  record Ops(List<CommittedOp> ops) implements ServerMessage {
    public Ops {
      ops = List.copyOf(ops);
      if (ops.isEmpty()) {
        throw new IllegalArgumentException("ops must not be empty");
      }
    }

    @Override
    public String type() {
      return "ops";
    }
  }

  /** Another client's selections, already transformed to revision {@code rev}. */
  record Presence(String clientId, long rev, List<Range> ranges) implements ServerMessage {
    public Presence {
      Objects.requireNonNull(clientId, "clientId");
      ranges = List.copyOf(ranges);
    }

    @Override
    public String type() {
      return "presence";
    }
  }

  /** Someone joined or left. */
  record Peer(String clientId, User user, Role role, PeerState state) implements ServerMessage {
    public Peer {
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(state, "state");
    }

    @Override
    public String type() {
      return "peer";
    }
  }

  /** A chat line as stored: server-assigned {@code id}, {@code ts} in epoch milliseconds. */
  record Chat(String id, String clientId, User user, String text, long ts) implements ServerMessage {
    public Chat {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(text, "text");
    }

    @Override
    public String type() {
      return "chat";
    }
  }

  /**
   * Something went wrong. {@code fatal} always equals {@code code.fatal()}; when true the server
   * closes the socket right after. {@code seq} names the rejected op, when there is one.
   */
  record Error(ErrorCode code, String message, boolean fatal, OptionalLong seq) implements ServerMessage {
    public Error {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
      seq = seq == null ? OptionalLong.empty() : seq;
    }

    /** An error for {@code code} with its own fatality. */
    public static Error of(ErrorCode code, String message) {
      return new Error(code, message, code.fatal(), OptionalLong.empty());
    }

    @Override
    public String type() {
      return "error";
    }
  }

  /**
   * Answer to {@code rotate-keys}, sent only to the admin who asked: the new key of each rotated
   * role. Secrets: never logged.
   */
  record Keys(Map<Role, String> keys) implements ServerMessage {
    public Keys {
      keys = keys.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(keys));
      if (keys.isEmpty()) {
        throw new IllegalArgumentException("keys must not be empty");
      }
    }

    @Override
    public String type() {
      return "keys";
    }

    @Override
    public String toString() {
      return "Keys[roles=" + keys.keySet() + ", keys=<redacted>]";
    }
  }

  /** Answer to {@code remove}: {@code clientId} was disconnected. */
  record Removed(String clientId) implements ServerMessage {
    public Removed {
      Objects.requireNonNull(clientId, "clientId");
    }

    @Override
    public String type() {
      return "removed";
    }
  }
}
