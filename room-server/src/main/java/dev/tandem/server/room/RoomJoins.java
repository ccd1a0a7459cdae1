package dev.tandem.server.room;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.Protocol;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.CommittedOp;
import dev.tandem.protocol.Values.PeerInfo;
import dev.tandem.protocol.Values.PeerState;
import dev.tandem.server.store.RoomStore;
import dev.tandem.server.store.StoredOp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may enter a room and what they get: {@code hello} is checked (protocol version, room,
 * key → role, same client on a new connection, room limit), answered with a {@code welcome}
 * (catch-up ops or the document, peers, recent chat) and the peers' selections, and announced to
 * the others; a leave is announced too. Called on the room's thread.
 *
 * <p><b>Catch-up from storage without blocking the room.</b> A {@code hello} whose {@code since}
 * is older than the ops the room keeps in memory (but within the catch-up limit: {@code
 * maxCatchUpOps}, or {@link #PENDING_CATCH_UP_FACTOR} times that for an editor with pending edits) needs a
 * storage read. That read runs on {@link CatchUpReads}; meanwhile the connection <i>waits</i>: it
 * is not a participant yet (it gets no broadcasts, peers do not see it), and frames it sends are
 * held and handled in order once it has joined. When the read comes back the whole admission runs
 * again (keys may have been rotated, the room may have filled, hibernated or failed meanwhile) with
 * the ops read; ops committed during the read come from memory, or from another read if memory no
 * longer has them (at most {@link #MAX_READS} reads, then the document is sent instead). A waiting
 * connection that closes, or whose client joins again on another connection, is forgotten.
 */
final class RoomJoins {
  private static final Logger log = LoggerFactory.getLogger(RoomJoins.class);
  static final int MAX_READS = 3;
  /**
   * An editor reconnecting with edits the server has not acknowledged ({@code hello.pending}) gets
   * the ops since from this many times further back than {@code maxCatchUpOps} (200,000 ops by
   * default: hours of a busy room) instead of a snapshot, with which it would have to drop those
   * edits (docs/protocol.md §6). Others get a snapshot beyond {@code maxCatchUpOps}: it is smaller
   * than a long catch-up, and they lose nothing.
   */
  static final int PENDING_CATCH_UP_FACTOR = 100;

  private final Room room;
  private final RoomConfig config;
  private final Participants participants;
  private final RoomChat chat;
  private final RoomObserver observer;
  private final RoomStore store;
  private final Consumer<RoomCommand> mailbox;

  /** A connection whose {@code hello} waits for a catch-up read. */
  private static final class Waiting {
    final ClientMessage.Hello hello;
    final int reads;
    final List<RoomCommand.FromClient> held = new ArrayList<>();

    Waiting(ClientMessage.Hello hello, int reads) {
      this.hello = hello;
      this.reads = reads;
    }
  }

  /** Connections waiting for a catch-up read, in hello order. Owned by the room's thread. */
  private final Map<ClientConnection, Waiting> waiting = new LinkedHashMap<>();

  RoomJoins(Room room, RoomConfig config, Participants participants, RoomChat chat,
      RoomObserver observer, RoomStore store, Consumer<RoomCommand> mailbox) {
    this.room = room;
    this.config = config;
    this.participants = participants;
    this.chat = chat;
    this.observer = observer;
    this.store = store;
    this.mailbox = mailbox;
  }

  void onJoin(ClientConnection connection, ClientMessage.Hello hello) {
    if (participants.contains(connection) || waiting.containsKey(connection)) {
      participants.send(connection, ServerMessage.Error.of(ErrorCode.ALREADY_JOINED, "this connection already joined"));
      return;
    }
    // An older connection of the same client still waiting would otherwise join after this one.
    waiting.entrySet().removeIf(e -> {
      if (e.getValue().hello.clientId().equals(hello.clientId())) {
        participants.close(e.getKey(), ErrorCode.REPLACED, "the same client joined again on a new connection");
        return true;
      }
      return false;
    });
    admit(connection, hello, null, 0);
  }

  /**
   * A catch-up read came back. Returns the frames the connection sent while it waited, to be
   * handled now that it joined (empty if it did not join, or sent none).
   */
  List<RoomCommand.FromClient> onCatchUpRead(RoomCommand.CatchUpRead read) {
    Waiting w = waiting.remove(read.connection());
    if (w == null) {
      return List.of(); // closed or replaced meanwhile
    }
    if (read.failure() != null) {
      log.warn("room {}: catch-up read failed; sending the document instead", room.id(), read.failure());
      admit(read.connection(), w.hello, null, MAX_READS); // no more reads: the document
    } else {
      admit(read.connection(), w.hello, read.ops(), w.reads);
    }
    Waiting again = waiting.get(read.connection());
    if (again != null) {
      again.held.addAll(0, w.held); // parked for another read: keep what it sent, in order
      return List.of();
    }
    return participants.contains(read.connection()) ? w.held : List.of();
  }

  /** Holds a frame from a connection waiting to join; false if it is not waiting. */
  boolean holdIfWaiting(RoomCommand.FromClient frame) {
    Waiting w = waiting.get(frame.connection());
    if (w == null) {
      return false;
    }
    w.held.add(frame);
    return true;
  }

  /** True when no connection waits for a read. */
  boolean idle() {
    return waiting.isEmpty();
  }

  /** Closes every waiting connection (shutdown, or the room dropped its memory). */
  void closeWaiting(ErrorCode code, String message) {
    waiting.keySet().forEach(c -> participants.close(c, code, message));
    waiting.clear();
  }

  /**
   * Checks a hello and joins it, or parks it while its catch-up is read.
   *
   * @param read ops after {@code hello.since()} already read from storage for it, or null
   * @param reads catch-up reads already made for this hello; at {@link #MAX_READS} the joiner
   *     gets the document if memory alone cannot catch it up
   */
  private void admit(ClientConnection connection, ClientMessage.Hello hello, List<StoredOp> read, int reads) {
    if (hello.v() != Protocol.PROTOCOL_VERSION) {
      participants.close(connection, ErrorCode.UNSUPPORTED_VERSION,
          "protocol version " + hello.v() + " is not supported; this server speaks " + Protocol.PROTOCOL_VERSION);
      return;
    }
    if (!room.ensureLoaded()) {
      participants.close(connection, ErrorCode.UNKNOWN_ROOM, "no room " + room.id() + " on this server");
      return;
    }
    var role = room.record().keys().roleOf(hello.key());
    if (role == null) {
      participants.close(connection, ErrorCode.BAD_KEY, "the key in this link does not open this room");
      return;
    }
    Participant previous = participants.findByClientId(hello.clientId());
    if (previous == null && participants.size() >= config.limits().maxClients()) {
      participants.close(connection, ErrorCode.ROOM_FULL, "the room already has " + participants.size() + " participants");
      return;
    }
    RoomHistory history = room.history();
    long rev = history.durableRev();
    List<StoredOp> catchUp = null; // null: the document instead
    if (hello.since().isPresent()) {
      long since = hello.since().getAsLong();
      if (since <= rev && rev - since <= catchUpLimit(hello, role)) {
        catchUp = catchUpOps(history, since, rev, read);
        if (catchUp == null && reads < MAX_READS) {
          waiting.put(connection, new Waiting(hello, reads + 1));
          CatchUpReads.read(store, room.id(), connection, since, rev, mailbox);
          return;
        }
      }
    }
    if (previous != null) {
      participants.close(previous.connection, ErrorCode.REPLACED, "the same client joined again on a new connection");
      participants.remove(previous.connection);
    }
    Participant joined = new Participant(connection, hello.clientId(), hello.user(), role, hello.acksInOps());
    List<PeerInfo> peers = participants.all().stream().map(Participant::info).toList();
    List<ServerMessage.Chat> recentChat = chat.forWelcome();
    participants.send(connection, catchUp != null
        ? ServerMessage.Welcome.catchUp(rev, catchUp.stream().map(RoomJoins::committed).toList(),
            joined.info(), peers, recentChat, config.limits())
        : ServerMessage.Welcome.snapshot(rev, history.durableDocument(), joined.info(), peers,
            recentChat, config.limits()));
    for (Participant other : participants.all()) {
      ServerMessage.Presence selection = other.presence.isEmpty() ? null : RoomPresence.atDurable(other, history);
      if (selection != null) {
        participants.send(connection, selection);
      }
      participants.send(other.connection, new ServerMessage.Peer(joined.clientId, joined.user, joined.role, PeerState.JOINED));
    }
    participants.add(joined);
    observer.joined(room.id(), participants.size());
  }

  /**
   * The ops {@code (since, rev]} from memory, or from {@code read} (ops after since, read earlier
   * from storage) followed by memory; null when neither covers them (a read is needed). Durable
   * revisions only grow, and storage has every durable op, so {@code read} never ends after
   * {@code rev} unless the room reloaded; then it is cut at {@code rev}.
   */
  private static List<StoredOp> catchUpOps(RoomHistory history, long since, long rev, List<StoredOp> read) {
    List<StoredOp> inMemory = history.opsInMemory(since, rev);
    if (inMemory != null || read == null || read.isEmpty()) {
      return inMemory;
    }
    long readUpTo = since + read.size();
    if (readUpTo >= rev) {
      return read.subList(0, (int) (rev - since));
    }
    List<StoredOp> rest = history.opsInMemory(readUpTo, rev);
    if (rest == null) {
      return null;
    }
    List<StoredOp> all = new ArrayList<>(read.size() + rest.size());
    all.addAll(read);
    all.addAll(rest);
    return all;
  }

  void onLeave(ClientConnection connection) {
    waiting.remove(connection);
    participants.leave(connection);
  }

  private static CommittedOp committed(StoredOp op) {
    return new CommittedOp(op.rev(), op.clientId(), op.seq(), op.delta());
  }

  /** How far back {@code hello.since} may lie for ops rather than the document ({@link #PENDING_CATCH_UP_FACTOR}). */
  private long catchUpLimit(ClientMessage.Hello hello, dev.tandem.protocol.Role role) {
    long limit = config.maxCatchUpOps();
    return hello.pending() && role.canEdit() ? limit * PENDING_CATCH_UP_FACTOR : limit;
  }
}
