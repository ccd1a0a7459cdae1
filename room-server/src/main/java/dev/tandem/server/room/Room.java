package dev.tandem.server.room;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.server.store.RoomRecord;
import dev.tandem.server.store.RoomStore;
import dev.tandem.server.store.StorageFailedException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * <p>Connections reach a room only through {@link #join}, {@link #receive}, {@link #refuse} and
 * {@link #leave}, which enqueue and return at once; so a room could live on another node behind a
 * reference. Everything a connection is sent goes through the room's outbox ({@link
 * Participants}), so its frames leave in the order of the frames they answer.
 *
 * <p>This class is the actor's life: the mailbox, loading, hibernation, retirement and failure.
 * The work is done by its parts: {@link RoomJoins} (hello, welcome, leave), {@link RoomEdits} (the
 * commit path), {@link RoomPresence}, {@link RoomChat} and {@link RoomAdmin}, all on its thread.
 *
 * <p>Threads: every mutable field is owned by the room's thread (whichever thread is draining the
 * mailbox).
 */
public final class Room {
  private static final Logger log = LoggerFactory.getLogger(Room.class);

  private final String id;
  private final RoomStore store;
  private final RoomConfig config;
  private final ScheduledExecutorService timer;
  private final RoomObserver observer;
  private final RoomRegistry registry;
  private final Mailbox<RoomCommand> mailbox;
  private final Participants participants;
  private final CommitPipeline commits;
  private final RoomChat chat;
  private final RoomJoins joins;
  private final RoomEdits edits;
  private final StaleMessages stale;

  // ---- owned by the room's thread ----
  /** Room record (key hashes); null until loaded. */
  private RoomRecord record;
  /** Document and history; null while hibernated. */
  private RoomHistory history;
  private long lastActivityNanos;
  private boolean hibernationCheckScheduled;
  /**
   * True once this object left the registry (no participants, nothing in memory). Messages that
   * still reach it — sent by someone who looked it up just before — are forwarded to the room's
   * current object, so there is never more than one live actor per id.
   */
  private boolean retired;
  /**
   * The connection a {@code hello} being handled came from (a join, or its catch-up read back),
   * else null: it is neither a participant nor waiting, so if handling it fails, {@link #crashed}
   * closes it by name rather than leave it without an answer.
   */
  private ClientConnection joining;

  Room(String id, RoomStore store, RoomConfig config, Clock clock, Executor executor,
      ScheduledExecutorService timer, RoomObserver observer, RoomRegistry registry) {
    this.id = id;
    this.store = store;
    this.config = config;
    this.timer = timer;
    this.observer = observer;
    this.registry = registry;
    this.mailbox = new Mailbox<>(executor, this::handle, this::crashed);
    this.participants = new Participants(id, observer, executor);
    this.commits = new CommitPipeline(id, store, mailbox::tell);
    this.chat = new RoomChat(id, store, clock, config.limits().maxChatLength(), mailbox::tell);
    this.joins = new RoomJoins(this, config, participants, chat, observer, store, mailbox::tell);
    this.stale = new StaleMessages(id, store, mailbox::tell);
    this.edits = new RoomEdits(id, store, config, clock, observer, commits, participants, stale);
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

  /**
   * A joined connection sent a frame it could not decode; {@code error} (non-fatal) answers it, in
   * order with the answers to the frames before it.
   */
  public void refuse(ClientConnection connection, ServerMessage.Error error) {
    mailbox.tell(new RoomCommand.Refused(connection, error));
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
    if (!(command instanceof RoomCommand.HibernationCheck)) {
      lastActivityNanos = System.nanoTime();
    }
    joining = switch (command) {
      case RoomCommand.Join join -> join.connection();
      case RoomCommand.CatchUpRead read -> read.connection();
      default -> null;
    };
    switch (command) {
      case RoomCommand.Join join -> joins.onJoin(join.connection(), join.hello());
      case RoomCommand.FromClient frame -> onFromClient(frame);
      case RoomCommand.Leave leave -> joins.onLeave(leave.connection());
      case RoomCommand.WriteDone done -> onWriteDone(done);
      case RoomCommand.CatchUpRead read -> joins.onCatchUpRead(read).forEach(this::onFromClient);
      case RoomCommand.StaleMoved moved -> onStaleMoved(moved);
      case RoomCommand.ChatStored stored -> chat.onStored(stored, participants);
      case RoomCommand.HibernationCheck check -> onHibernationCheck();
      case RoomCommand.Shutdown shutdown -> closeAll(ErrorCode.SHUTTING_DOWN, "the server is shutting down");
    }
    if (command instanceof RoomCommand.Join || command instanceof RoomCommand.FromClient) {
      observer.received(id); // a client's frame; the room's own commands are not billed
    }
    if (participants.isEmpty() && history == null && commits.idle() && joins.idle() && stale.idle()) {
      // Nobody here and nothing in memory (an unknown id, a hibernated room, a failed store):
      // leave the registry so the number of room objects stays bounded by rooms in use.
      retired = registry.retire(this);
      if (retired) {
        observer.retired(id);
      }
    } else {
      scheduleHibernationCheck();
    }
  }

  private void forward(RoomCommand command) {
    switch (command) {
      case RoomCommand.Join join -> registry.room(id).join(join.connection(), join.hello());
      case RoomCommand.Receive receive -> registry.room(id).receive(receive.connection(), receive.message());
      case RoomCommand.Refused refused -> registry.room(id).refuse(refused.connection(), refused.error());
      case RoomCommand.Leave leave -> registry.room(id).leave(leave.connection());
      default -> { } // results of this object's own work, timers, shutdown: nothing left to do
    }
  }

  /** A frame of a connection: handled now, or held behind the frames it must wait for. */
  private void onFromClient(RoomCommand.FromClient frame) {
    ClientConnection connection = frame.connection();
    Participant from = participants.get(connection);
    if (from == null) {
      if (joins.holdIfWaiting(frame)) {
        return; // handled once its catch-up read is back and it joined
      }
      // Not handled: a connection whose hello failed, or that the room ended (a fatal error,
      // replaced, removed), sent it before it learnt so. Its close is already queued (so this one
      // does nothing then): nothing it sent after is handled.
      participants.close(connection, ErrorCode.NOT_JOINED, "send hello first");
      return;
    }
    if (from.held != null) {
      // Behind a message waiting for a storage read, or an answer waiting for an ack: keep the order.
      from.held.addLast(frame);
      return;
    }
    switch (frame) {
      case RoomCommand.Receive receive -> onMessage(from, receive.message());
      case RoomCommand.Refused refused -> participants.reply(from, refused.error());
    }
  }

  private void onMessage(Participant from, ClientMessage message) {
    if (!ensureLoaded()) {
      expel(from, ErrorCode.UNKNOWN_ROOM, "room " + id + " no longer exists");
      return;
    }
    switch (message) {
      case ClientMessage.Submit submit -> edits.onSubmit(from, submit, history);
      case ClientMessage.Presence presence -> RoomPresence.onPresence(from, presence, history, participants, stale,
          config.maxCatchUpOps());
      case ClientMessage.Chat said -> chat.onChat(from, said, participants);
      case ClientMessage.RotateKeys rotate -> RoomAdmin.rotateKeys(this, from, rotate);
      case ClientMessage.Remove remove -> RoomAdmin.remove(this, from, remove);
      case ClientMessage.Hello hello ->
          participants.reply(from, ServerMessage.Error.of(ErrorCode.ALREADY_JOINED, "this connection already joined"));
    }
  }

  /**
   * A stale message's read is back: handle it, now made at a revision memory covers, then the
   * frames its connection sent meanwhile, in order (stopping if one of them is parked again).
   */
  private void onStaleMoved(RoomCommand.StaleMoved moved) {
    stale.done();
    Participant from = participants.get(moved.connection());
    if (from == null || from.held == null) {
      return; // left or replaced meanwhile, or the room dropped its memory and closed it
    }
    java.util.Deque<RoomCommand.FromClient> queue = from.held;
    from.held = null;
    if (moved.failure() instanceof StaleMessages.DoesNotFit unfit) {
      // Bad input, not a storage failure: refused, and the frames sent after it go on.
      participants.reject(from, ErrorCode.LENGTH_MISMATCH, unfit.getMessage(), unfit.seq);
    } else if (moved.failure() != null) {
      log.warn("room {}: reading history for a stale {} failed; closing that connection", id,
          moved.message().type(), moved.failure());
      expel(from, ErrorCode.STORAGE_FAILED, "the server could not read the room's history for your "
          + moved.message().type() + "; reconnect to resend it");
      return;
    } else {
      queue.addFirst(new RoomCommand.Receive(moved.connection(), moved.message()));
    }
    handleHeld(from, queue);
  }

  /**
   * Handles {@code queue}, frames {@code from} sent while it was parked, in order; stops, keeping
   * the rest held, if one of them parks it again (another stale message, an answer waiting for an
   * ack) or if it is no longer here.
   */
  private void handleHeld(Participant from, java.util.Deque<RoomCommand.FromClient> queue) {
    while (!queue.isEmpty()) {
      if (participants.get(from.connection) != from) {
        return; // left, replaced or expelled meanwhile: what it sent after is not handled
      }
      if (from.held != null) {
        from.held.addAll(queue); // parked again
        return;
      }
      onFromClient(queue.removeFirst());
    }
  }

  private void onWriteDone(RoomCommand.WriteDone done) {
    if (!commits.isCurrent(done)) {
      return; // a write started before the room dropped its memory; storage is the truth now
    }
    if (done.failure() != null) {
      log.error("room {}: storage write failed; dropping memory state and closing connections", id, done.failure());
      dropMemory(ErrorCode.STORAGE_FAILED, "the server could not save the last changes; reconnect to continue");
      return;
    }
    edits.onDurable(done.batch(), history);
    // The acks are on the outbox: answers that waited for them follow, then the frames sent after.
    for (Participant resumed : participants.releaseReplies()) {
      java.util.Deque<RoomCommand.FromClient> queue = resumed.held;
      resumed.held = null;
      handleHeld(resumed, queue);
    }
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
    if (history != null && commits.idle() && history.allDurable() && joins.idle() && stale.idle()
        && idle >= config.hibernateAfter().toNanos()) {
      // The next activation's memory starts at the durable revision: selections must be named there.
      RoomPresence.keepCurrent(participants, history, 0);
      history = null;
      record = null;
      chat.forget();
      observer.hibernated(id);
    }
  }

  // ---- memory: load and drop --------------------------------------------------------------------

  /** Loads the room from storage if it is not in memory. False when the room does not exist. */
  boolean ensureLoaded() {
    if (history != null) {
      return true;
    }
    Optional<RoomRecord> found = store.findRoom(id);
    if (found.isEmpty()) {
      return false;
    }
    record = found.get();
    history = RoomHistory.load(id, store, config.recentOps());
    chat.load();
    observer.activated(id);
    return true;
  }

  /** Like an evicted Durable Object: close every connection, forget everything but storage. */
  private void dropMemory(ErrorCode code, String message) {
    closeAll(code, message);
    if (history != null) {
      observer.hibernated(id); // out of memory, whatever the reason
    }
    history = null;
    record = null;
    commits.reset();
  }

  /** Closes every connection, joined or waiting to join. */
  private void closeAll(ErrorCode code, String message) {
    participants.closeAll(code, message);
    joins.closeWaiting(code, message);
  }

  /**
   * Handling a command threw. A storage call the room makes on its own thread — the reads that
   * load the room for a {@code hello} or a frame, a client's last seq, the write of rotated keys —
   * failing with {@link StorageFailedException} is a storage failure like a failed op write
   * (docs/protocol.md §4 rule 7): memory is dropped, every connection, the one being joined
   * included, gets fatal {@code storage-failed} (1011), and the room rebuilds from storage on the
   * next connection. Anything else is a bug: the same, with {@code internal}.
   */
  private void crashed(Throwable t) {
    ErrorCode code;
    String message;
    if (t instanceof StorageFailedException) {
      log.error("room {}: storage failed; dropping memory state and closing connections", id, t);
      code = ErrorCode.STORAGE_FAILED;
      message = "the server could not read or save the room; reconnect to continue";
    } else {
      log.error("room {}: unexpected failure; dropping memory state", id, t);
      code = ErrorCode.INTERNAL;
      message = "the room hit an internal error; reconnect to continue";
    }
    dropMemory(code, message);
    if (joining != null) {
      participants.close(joining, code, message); // a no-op if it had joined
      joining = null;
    }
  }

  // ---- for the room's parts (room's thread only) ----

  /** The loaded history; only after {@link #ensureLoaded} returned true in the same message. */
  RoomHistory history() {
    return history;
  }

  RoomRecord record() {
    return record;
  }

  void replaceRecord(RoomRecord updated) {
    record = updated;
  }

  RoomStore store() {
    return store;
  }

  Participants participants() {
    return participants;
  }

  /** Closes a participant's connection for a fatal error and forgets it at once ({@link Participants#expel}). */
  void expel(Participant p, ErrorCode code, String message) {
    participants.expel(p, code, message);
  }
}
