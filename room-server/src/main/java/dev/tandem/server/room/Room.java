package dev.tandem.server.room;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.Ids;
import dev.tandem.protocol.Protocol;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.CommittedOp;
import dev.tandem.protocol.Values.PeerInfo;
import dev.tandem.protocol.Values.PeerState;
import dev.tandem.protocol.Values.Range;
import dev.tandem.server.store.ChatRecord;
import dev.tandem.server.store.RoomRecord;
import dev.tandem.server.store.RoomStore;
import dev.tandem.server.store.StoredOp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one authoritative instance of a room: it owns the document, the revisions, the history and
 * the connected clients, and serializes every op. Like a Durable Object it runs on one thread at a
 * time (its {@link Mailbox}), reaches storage before it acknowledges anything (an op is acked and
 * broadcast only once {@link RoomStore#append} has made it durable, with every op accepted during
 * a write going into the next one: group commit), can lose its memory at any instant and be
 * rebuilt from storage, and hibernates when idle: its document and history leave memory, its
 * sockets stay, and no timer runs until the next message.
 *
 * <p>Connections reach a room only through {@link #join}, {@link #receive} and {@link #leave},
 * which enqueue and return at once; so a room could live on another node behind a reference.
 *
 * <p>Threads: every field below the constructor's is owned by the room's thread (whichever thread
 * is draining the mailbox).
 */
public final class Room {
  private static final Logger log = LoggerFactory.getLogger(Room.class);

  private final String id;
  private final RoomStore store;
  private final RoomConfig config;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  private final RoomObserver observer;
  private final Mailbox<RoomCommand> mailbox;

  // ---- owned by the room's thread ----
  private final Map<ClientConnection, Participant> participants = new LinkedHashMap<>();
  /** Room record (key hashes); null until loaded. */
  private RoomRecord record;
  /** Document and history; null while hibernated. */
  private RoomHistory history;
  private final CommitPipeline commits;
  private final List<ChatRecord> recentChat = new ArrayList<>();
  private boolean chatLoaded;
  private long lastActivityNanos;
  private boolean hibernationCheckScheduled;
  /**
   * True once this object left the registry (no participants, nothing in memory). Messages that
   * still reach it — sent by someone who looked it up just before — are forwarded to the room's
   * current object, so there is never more than one live actor per id.
   */
  private boolean retired;
  private final RoomRegistry registry;

  Room(String id, RoomStore store, RoomConfig config, Clock clock, Executor executor,
      ScheduledExecutorService timer, RoomObserver observer, RoomRegistry registry) {
    this.id = id;
    this.registry = registry;
    this.store = store;
    this.config = config;
    this.clock = clock;
    this.timer = timer;
    this.observer = observer;
    this.mailbox = new Mailbox<>(executor, this::handle, this::crashed);
    this.commits = new CommitPipeline(id, store, mailbox::tell);
  }

  public String id() {
    return id;
  }

  /** A connection sent {@code hello}. */
  public void join(ClientConnection connection, ClientMessage.Hello hello) {
    mailbox.tell(new RoomCommand.Join(connection, hello));
  }

  /** A joined connection sent a frame other than {@code hello}. */
  public void receive(ClientConnection connection, ClientMessage message) {
    mailbox.tell(new RoomCommand.Receive(connection, message));
  }

  /** A connection closed (either side). */
  public void leave(ClientConnection connection) {
    mailbox.tell(new RoomCommand.Leave(connection));
  }

  /** Closes every connection (server shutdown). */
  public void shutdown() {
    mailbox.tell(new RoomCommand.Shutdown());
  }

  // ---- the room's thread ------------------------------------------------------------------

  private void handle(RoomCommand command) {
    if (retired) {
      forward(command);
      return;
    }
    long started = System.nanoTime();
    if (!(command instanceof RoomCommand.HibernationCheck)) {
      lastActivityNanos = started;
    }
    switch (command) {
      case RoomCommand.Join join -> onJoin(join.connection(), join.hello());
      case RoomCommand.Receive receive -> onReceive(receive.connection(), receive.message());
      case RoomCommand.Leave leave -> onLeave(leave.connection());
      case RoomCommand.WriteDone done -> onWriteDone(done);
      case RoomCommand.ChatStored stored -> onChatStored(stored);
      case RoomCommand.HibernationCheck check -> onHibernationCheck();
      case RoomCommand.Shutdown shutdown -> closeAll(ErrorCode.SHUTTING_DOWN, "the server is shutting down");
    }
    observer.handled(id, command, System.nanoTime() - started);
    if (participants.isEmpty() && history == null && commits.idle()) {
      // Nobody here and nothing in memory (an unknown id, a hibernated room, a failed store):
      // leave the registry so the number of room objects stays bounded by rooms in use.
      retired = registry.retire(this);
    } else {
      scheduleHibernationCheck();
    }
  }

  private void forward(RoomCommand command) {
    switch (command) {
      case RoomCommand.Join join -> registry.room(id).join(join.connection(), join.hello());
      case RoomCommand.Receive receive -> registry.room(id).receive(receive.connection(), receive.message());
      case RoomCommand.Leave leave -> registry.room(id).leave(leave.connection());
      default -> { } // results of this object's own work, timers, shutdown: nothing left to do
    }
  }

  private void onJoin(ClientConnection connection, ClientMessage.Hello hello) {
    if (participants.containsKey(connection)) {
      send(connection, ServerMessage.Error.of(ErrorCode.ALREADY_JOINED, "this connection already joined"));
      return;
    }
    if (hello.v() != Protocol.PROTOCOL_VERSION) {
      connection.close(ErrorCode.UNSUPPORTED_VERSION,
          "protocol version " + hello.v() + " is not supported; this server speaks " + Protocol.PROTOCOL_VERSION);
      return;
    }
    if (!ensureLoaded()) {
      connection.close(ErrorCode.UNKNOWN_ROOM, "no room " + id + " on this server");
      return;
    }
    var role = record.keys().roleOf(hello.key());
    if (role == null) {
      connection.close(ErrorCode.BAD_KEY, "the key in this link does not open this room");
      return;
    }
    Participant previous = findByClientId(hello.clientId());
    if (previous != null) {
      previous.connection.close(ErrorCode.REPLACED, "the same client joined again on a new connection");
      participants.remove(previous.connection);
    } else if (participants.size() >= config.limits().maxClients()) {
      connection.close(ErrorCode.ROOM_FULL, "the room already has " + participants.size() + " participants");
      return;
    }
    Participant joined = new Participant(connection, hello.clientId(), hello.user(), role);
    List<PeerInfo> peers = participants.values().stream().map(Participant::info).toList();
    send(connection, welcome(joined, hello.since(), peers));
    for (Participant other : participants.values()) {
      if (!other.presence.isEmpty()) {
        send(connection, presenceAtDurable(other));
      }
      send(other.connection, new ServerMessage.Peer(joined.clientId, joined.user, joined.role, PeerState.JOINED));
    }
    participants.put(connection, joined);
    observer.joined(id, participants.size());
  }

  // ---- package-private access for RoomAdmin and Broadcast (room's thread only) ----

  RoomRecord record() {
    return record;
  }

  void replaceRecord(RoomRecord updated) {
    record = updated;
  }

  RoomStore store() {
    return store;
  }

  Iterable<Participant> participants() {
    return participants.values();
  }

  /** Closes a participant's connection and forgets it (it will also report leave; ignored then). */
  void expel(Participant p, ErrorCode code, String message) {
    p.connection.close(code, message);
    onLeave(p.connection);
  }

  private ServerMessage.Welcome welcome(Participant joined, OptionalLong since, List<PeerInfo> peers) {
    long rev = history.durableRev();
    List<ServerMessage.Chat> chat = recentChat.stream().map(Room::chatMessage).toList();
    if (since.isPresent() && since.getAsLong() <= rev && rev - since.getAsLong() <= config.maxCatchUpOps()) {
      List<CommittedOp> ops = history.ops(since.getAsLong(), rev).stream().map(Room::committed).toList();
      return ServerMessage.Welcome.catchUp(rev, ops, joined.info(), peers, chat, config.limits());
    }
    return ServerMessage.Welcome.snapshot(rev, history.durableDocument(), joined.info(), peers, chat, config.limits());
  }

  private void onReceive(ClientConnection connection, ClientMessage message) {
    Participant from = participants.get(connection);
    if (from == null) {
      connection.close(ErrorCode.NOT_JOINED, "send hello first");
      return;
    }
    if (!ensureLoaded()) {
      connection.close(ErrorCode.UNKNOWN_ROOM, "room " + id + " no longer exists");
      return;
    }
    switch (message) {
      case ClientMessage.Submit submit -> onSubmit(from, submit);
      case ClientMessage.Presence presence -> onPresence(from, presence);
      case ClientMessage.Chat chat -> onChat(from, chat);
      case ClientMessage.RotateKeys rotate -> RoomAdmin.rotateKeys(this, from, rotate);
      case ClientMessage.Remove remove -> RoomAdmin.remove(this, from, remove);
      case ClientMessage.Hello hello ->
          send(connection, ServerMessage.Error.of(ErrorCode.ALREADY_JOINED, "this connection already joined"));
    }
  }

  private void onSubmit(Participant from, ClientMessage.Submit op) {
    if (!from.role.canEdit()) {
      reject(from, ErrorCode.FORBIDDEN, "this link is read-only", op.seq());
      return;
    }
    if (op.base() > history.durableRev()) {
      from.connection.close(ErrorCode.BAD_BASE, "base " + op.base() + " is newer than the room's revision " + history.durableRev());
      return;
    }
    OptionalLong committed = history.committedRevision(from.clientId, op.seq());
    if (committed.isPresent()) {
      // A resend of an op already committed: acknowledge it again, never commit it twice.
      // If it is not durable yet, the ack goes out with its batch (acks go to the clientId).
      if (committed.getAsLong() <= history.durableRev()) {
        send(from.connection, new ServerMessage.Ack(op.seq(), committed.getAsLong()));
      }
      return;
    }
    if (history.seqSpent(from.clientId, op.seq())) {
      reject(from, ErrorCode.BAD_FRAME, "seq " + op.seq() + " is not above this client's last committed seq"
          + " and was never committed; use a new seq", op.seq());
      return;
    }
    Delta rebased = history.rebase(op.base(), op.delta());
    Delta stamped = AuthorStamp.stamp(rebased, from.clientId);
    long newLength = (long) history.documentLength() + stamped.changeLength();
    if (newLength > config.limits().maxDocLength()) {
      reject(from, ErrorCode.DOC_TOO_LARGE, "the document would grow to " + newLength
          + " characters; the limit is " + config.limits().maxDocLength(), op.seq());
      return;
    }
    StoredOp stored = new StoredOp(history.head() + 1, from.clientId, op.seq(), stamped,
        from.user.name(), clock.instant());
    try {
      history.accept(stored);
    } catch (IllegalArgumentException e) {
      reject(from, ErrorCode.LENGTH_MISMATCH, e.getMessage(), op.seq());
      return;
    }
    commits.submit(stored);
  }

  private void onWriteDone(RoomCommand.WriteDone done) {
    if (!commits.isCurrent(done)) {
      return; // a write started before the room dropped its memory; storage is the truth now
    }
    if (done.failure() != null) {
      log.error("room {}: storage write failed; dropping memory state and closing connections", id, done.failure());
      closeAll(ErrorCode.STORAGE_FAILED, "the server could not save the last changes; reconnect to continue");
      history = null;
      record = null;
      commits.reset();
      return;
    }
    List<StoredOp> batch = done.batch();
    history.markDurable(batch.getLast().rev());
    commits.delivered();
    Broadcast.committed(this, batch, participants.values());
    observer.committed(id, batch.size());
    if (history.snapshotDue(config.snapshotEvery())) {
      long rev = history.markSnapshot();
      // Only the copy out of the tree happens here; finishing the document, validating and
      // encoding it (O(document) each) happen on the snapshot thread.
      Supplier<Delta> document = history.durableDocumentSource();
      Snapshots.save(() -> store.saveSnapshot(id, rev, document.get()), failure ->
          log.warn("room {}: snapshot at rev {} failed (history still complete)", id, rev, failure));
    }
    commits.flush();
  }

  private void onPresence(Participant from, ClientMessage.Presence presence) {
    long rev = history.durableRev();
    if (presence.base() > rev) {
      from.connection.close(ErrorCode.BAD_BASE, "presence base " + presence.base() + " is newer than " + rev);
      return;
    }
    List<Range> ranges = PresenceTransform.to(presence.ranges(), history.ops(presence.base(), rev), history.durableDocumentLength());
    if (ranges.equals(from.presence) && from.presenceRev == rev) {
      return; // only on change
    }
    from.presence = ranges;
    from.presenceRev = rev;
    ServerMessage.Presence out = new ServerMessage.Presence(from.clientId, rev, ranges);
    for (Participant other : participants.values()) {
      if (other != from) {
        send(other.connection, out);
      }
    }
  }

  private ServerMessage.Presence presenceAtDurable(Participant p) {
    long rev = history.durableRev();
    List<Range> ranges = PresenceTransform.to(p.presence, history.ops(p.presenceRev, rev), history.durableDocumentLength());
    return new ServerMessage.Presence(p.clientId, rev, ranges);
  }

  private void onChat(Participant from, ClientMessage.Chat chat) {
    String text = chat.text().strip();
    if (text.isEmpty() || text.length() > config.limits().maxChatLength()) {
      reject(from, ErrorCode.CHAT_TOO_LONG, "a chat message must have 1 to "
          + config.limits().maxChatLength() + " characters", -1);
      return;
    }
    ChatRecord message = new ChatRecord(Ids.random(), from.clientId, from.user.name(), from.user.color(), text, clock.instant());
    store.appendChat(id, message).whenComplete((ok, failure) -> mailbox.tell(new RoomCommand.ChatStored(message, failure)));
  }

  private void onChatStored(RoomCommand.ChatStored stored) {
    if (stored.failure() != null) {
      log.warn("room {}: chat message not stored", id, stored.failure());
      return;
    }
    recentChat.add(stored.message());
    if (recentChat.size() > Protocol.RECENT_CHAT) {
      recentChat.removeFirst();
    }
    ServerMessage.Chat out = chatMessage(stored.message());
    participants.values().forEach(p -> send(p.connection, out));
  }

  private void onLeave(ClientConnection connection) {
    Participant left = participants.remove(connection);
    if (left == null) {
      return;
    }
    ServerMessage.Peer out = new ServerMessage.Peer(left.clientId, left.user, left.role, PeerState.LEFT);
    participants.values().forEach(p -> send(p.connection, out));
    observer.left(id, participants.size());
  }

  // ---- hibernation ----------------------------------------------------------------------------

  private void scheduleHibernationCheck() {
    if (history != null && !hibernationCheckScheduled) {
      hibernationCheckScheduled = true;
      timer.schedule(() -> mailbox.tell(new RoomCommand.HibernationCheck()),
          config.hibernateAfter().toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  private void onHibernationCheck() {
    hibernationCheckScheduled = false;
    long idle = System.nanoTime() - lastActivityNanos;
    // A room that saw activity since the check was scheduled gets a fresh check (handle() schedules
    // it), so it hibernates between one and two idle periods after its last message.
    if (history != null && commits.idle() && history.allDurable()
        && idle >= config.hibernateAfter().toNanos()) {
      history = null;
      record = null;
      recentChat.clear();
      chatLoaded = false;
      observer.hibernated(id);
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** Loads the room from storage if it is not in memory. False when the room does not exist. */
  private boolean ensureLoaded() {
    if (history != null) {
      return true;
    }
    Optional<RoomRecord> found = store.findRoom(id);
    if (found.isEmpty()) {
      return false;
    }
    record = found.get();
    history = RoomHistory.load(id, store, config.recentOps());
    if (!chatLoaded) {
      recentChat.clear();
      recentChat.addAll(store.recentChat(id, Protocol.RECENT_CHAT));
      chatLoaded = true;
    }
    observer.activated(id);
    return true;
  }

  private Participant findByClientId(String clientId) {
    for (Participant p : participants.values()) {
      if (p.clientId.equals(clientId)) {
        return p;
      }
    }
    return null;
  }

  void send(ClientConnection connection, ServerMessage message) {
    if (connection.send(message)) {
      observer.sent(id);
    }
  }

  /** Sends a frame already encoded (see {@link ClientConnection#sendFrame}). */
  void sendFrame(ClientConnection connection, String frame, long utf8Bytes) {
    if (connection.sendFrame(frame, utf8Bytes)) {
      observer.sent(id);
    }
  }

  private void reject(Participant to, ErrorCode code, String message, long seq) {
    send(to.connection, new ServerMessage.Error(code, message, code.fatal(),
        seq > 0 ? OptionalLong.of(seq) : OptionalLong.empty()));
  }

  private void closeAll(ErrorCode code, String message) {
    for (Participant p : participants.values()) {
      p.connection.close(code, message);
    }
    participants.clear();
  }

  private void crashed(Throwable t) {
    log.error("room {}: unexpected failure; dropping memory state", id, t);
    closeAll(ErrorCode.INTERNAL, "the room hit an internal error; reconnect to continue");
    history = null;
    record = null;
    commits.reset();
  }

  private static CommittedOp committed(StoredOp op) {
    return new CommittedOp(op.rev(), op.clientId(), op.seq(), op.delta());
  }

  private static ServerMessage.Chat chatMessage(ChatRecord c) {
    return new ServerMessage.Chat(c.id(), c.clientId(), new dev.tandem.protocol.Values.User(c.userName(), c.userColor()),
        c.text(), c.time().toEpochMilli());
  }
}
