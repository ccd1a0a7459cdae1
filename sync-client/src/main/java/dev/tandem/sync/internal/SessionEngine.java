package dev.tandem.sync.internal;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.Ids;
import dev.tandem.protocol.MessageCodec;
import dev.tandem.protocol.Role;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.PeerInfo;
import dev.tandem.protocol.Values.Range;
import dev.tandem.protocol.Values.User;
import dev.tandem.sync.ChangeOrigin;
import dev.tandem.sync.ChatMessage;
import dev.tandem.sync.KnownDocument;
import dev.tandem.sync.Outcome;
import dev.tandem.sync.RoomLink;
import dev.tandem.sync.SyncConfig;
import dev.tandem.sync.SyncError;
import dev.tandem.sync.SyncListener;
import dev.tandem.sync.SyncSession;
import dev.tandem.sync.SyncStatus;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The {@link SyncSession} implementation: a {@link SessionCore} driven by one engine thread, a
 * {@link Transport}, reconnects with exponential backoff and jitter, presence throttling, and
 * listener dispatch through an {@link EditorChannel}.
 *
 * <p>Threads: the engine thread (a single-thread scheduled executor) owns the core, the
 * connection, the timers and every field marked "engine". Transport callbacks hop onto it and are
 * ignored when they belong to an older connection ({@code generation}). Public methods may be
 * called from the UI thread; they read only volatile snapshots and post work to the engine. No
 * lock is held while a listener runs, except the editor channel's own (see there).
 *
 * <p>Mailbox: local edits and the UI's other requests (selection, undo, …) go into one FIFO
 * {@link #mailbox}; the engine takes all of it at once and runs it in batches ({@link #drain}),
 * one executor task per batch rather than per keystroke, and publishes the status once per batch. Transport callbacks and
 * timers are executor tasks of their own (their order relative to the UI's requests is
 * arbitrary anyway: they are concurrent events).
 *
 * <p>Journal: a batch's local edits are appended to the journal as they run and forced to disk
 * once at the end of the batch ({@link SessionCore#beginBatch}/{@link SessionCore#endBatch}, on the
 * engine thread, which owns the journal). Invariants, as with one force per edit: no edit is sent
 * before the force that covers it (the core holds its submit frames until then), and a
 * {@link #journalled()} future completes only after the force covering every edit queued before
 * it.
 */
public final class SessionEngine implements SyncSession {
  private static final System.Logger LOG = System.getLogger(SessionEngine.class.getName());

  private final RoomLink link;
  private final SyncConfig config;
  private final SyncListener listener;
  /**
   * Makes the transport, on the engine thread: building an OkHttp client first in a process loads a
   * few hundred classes, which the caller's (UI) thread should not wait for.
   */
  private final java.util.function.Supplier<Transport> transports;
  /** Opens the journal's files ({@link java.nio.channels.FileChannel#open}; tests count forces). */
  private final Journal.Channels journalChannels;
  private final ScheduledExecutorService engine;
  private final Executor listenerExecutor;
  private final ExecutorService ownListenerThread;
  private final EditorChannel channel = new EditorChannel();

  private volatile State state = State.CONNECTING;
  private volatile SyncStatus status = SyncStatus.initial();
  private volatile Role role;
  private volatile String clientId;
  /**
   * Completed with the final client id (the journal's, or the random one) by the engine once
   * {@link #open} has read the journal, and before the session delivers anything to the listener.
   * {@link #clientId()} waits for it, so it never returns an id the session then replaces.
   */
  private final CompletableFuture<String> clientIdKnown = new CompletableFuture<>();
  /**
   * The session has a document to edit (restored, known from the start, or welcomed): until then
   * {@link #submit} refuses with {@link Outcome#NOT_CONNECTED}. Written by the engine (false → true
   * only), read by the UI thread.
   */
  private volatile boolean hasDocument;

  // ---- engine ----
  private SessionCore core;
  /** Made on the first connect. */
  private Transport transport;
  private Transport.Connection connection;
  private long generation;
  private int attempts;
  private ScheduledFuture<?> welcomeTimer;
  /** While waiting out the backoff: when the next attempt starts (reported in the status). */
  private Instant nextAttempt;
  private final PresenceThrottle presence;
  private ScheduledFuture<?> statusTimer;
  private long statusPublishedNanos;

  /**
   * Requests from the UI, in order: {@link LocalEdit}s and {@link Runnable}s. Guarded by
   * {@link #mailboxLock}, held only to add one request or to swap the whole list out: the engine
   * takes everything queued at once ({@link #taken}) instead of one queue operation per keystroke.
   */
  private ArrayList<Object> mailbox = new ArrayList<>();
  /** A drain task is queued and has not yet taken the mailbox. Guarded by {@link #mailboxLock}. */
  private boolean drainScheduled;
  private final Object mailboxLock = new Object();
  /** Engine: requests taken out of the mailbox, run from {@link #takenNext} on, in order. */
  private ArrayList<Object> taken = new ArrayList<>();
  private int takenNext;
  /** At most this many requests per drain, so that frames and timers are not starved. */
  private static final int DRAIN_BATCH = 8_192;
  /** Pending-count changes between two non-zero values are reported at most this often. */
  private static final long STATUS_COALESCE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /**
   * A local edit from the UI: the change and the deliveries it had seen. The UI does not wait for
   * it: the engine journals it (and forces the journal) before it can be sent, and reports an
   * invalid one through {@link SyncListener#onError}.
   */
  private record LocalEdit(Delta change, long seen) {}

  /** Completed when the engine reaches it: every edit queued before it has been journalled. */
  private record Journalled(CompletableFuture<Void> done) {}

  private SessionEngine(RoomLink link, SyncConfig config, SyncListener listener,
      java.util.function.Supplier<Transport> transports, Journal.Channels journalChannels) {
    this.link = link;
    this.config = config;
    this.listener = listener;
    this.transports = transports;
    this.journalChannels = journalChannels;
    ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1,
        Thread.ofPlatform().daemon().name("tandem-sync-" + link.roomId()).factory());
    pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    pool.setRemoveOnCancelPolicy(true);
    this.engine = pool;
    if (config.listenerExecutor().isPresent()) {
      this.ownListenerThread = null;
      this.listenerExecutor = config.listenerExecutor().get();
    } else {
      this.ownListenerThread = Executors.newSingleThreadExecutor(
          Thread.ofPlatform().daemon().name("tandem-listener-" + link.roomId()).factory());
      this.listenerExecutor = ownListenerThread;
    }
    this.presence = new PresenceThrottle(config.presenceInterval().toNanos(), System::nanoTime,
        (task, delayNanos) -> {
          ScheduledFuture<?> f = engine.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
          return () -> f.cancel(false);
        },
        this::sendPresence);
  }

  /** A session over OkHttp WebSockets. */
  public static SyncSession start(RoomLink link, User user, SyncConfig config, SyncListener listener) {
    return start(link, user, config, listener, (KnownDocument) null);
  }

  /** A session starting from a document the caller holds ({@link SyncSession#connect(RoomLink, User, SyncConfig, SyncListener, KnownDocument)}). */
  public static SyncSession start(RoomLink link, User user, SyncConfig config, SyncListener listener,
      KnownDocument known) {
    return start(link, user, config, listener,
        () -> new OkHttpTransport(config.connectTimeout(), config.pingInterval(), config.trustManager()), known);
  }

  /** A session over any transport (tests). */
  public static SessionEngine start(RoomLink link, User user, SyncConfig config,
      SyncListener listener, Transport transport) {
    return start(link, user, config, listener, transport, null);
  }

  /** A session over any transport (tests); {@code known} may be null. */
  public static SessionEngine start(RoomLink link, User user, SyncConfig config,
      SyncListener listener, Transport transport, KnownDocument known) {
    return start(link, user, config, listener, () -> transport, known);
  }

  /** A session over any transport whose journal files are opened by {@code journalChannels} (tests). */
  static SessionEngine start(RoomLink link, User user, SyncConfig config, SyncListener listener,
      Transport transport, KnownDocument known, Journal.Channels journalChannels) {
    return start(link, user, config, listener, () -> transport, known, journalChannels);
  }

  private static SessionEngine start(RoomLink link, User user, SyncConfig config,
      SyncListener listener, java.util.function.Supplier<Transport> transports, KnownDocument known) {
    return start(link, user, config, listener, transports, known, java.nio.channels.FileChannel::open);
  }

  private static SessionEngine start(RoomLink link, User user, SyncConfig config,
      SyncListener listener, java.util.function.Supplier<Transport> transports, KnownDocument known,
      Journal.Channels journalChannels) {
    SessionEngine session = new SessionEngine(link, config, listener, transports, journalChannels);
    session.clientId = Ids.random();
    // A caller that holds the document may edit at once (the edits queue behind open()).
    session.hasDocument = known != null;
    // Not waited for: reading and replaying a large journal takes a while, and the caller is the
    // UI thread. Edits are refused (NOT_CONNECTED) until the session has a document, and the
    // document reaches the listener only after the flag that lets them in is set (see
    // noteDocument), so a restored or known document always comes before the caller's first edit.
    session.engine.execute(() -> {
      try {
        session.open(user, known);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "opening the session failed", e);
        session.fail(new SyncError("start-failed", "the session could not start: " + e, true));
      } finally {
        session.clientIdKnown.complete(session.clientId); // no-op once noteDocument completed it
      }
    });
    return session;
  }

  // ---- engine thread ------------------------------------------------------------------------

  /**
   * Engine, the session's first task (the caller of {@link #start} does not wait for it): opens
   * the journal and restores it, then connects. With {@code known} and no state in the journal, it
   * starts from the known document instead ({@link #startFrom}).
   */
  private void open(User user, KnownDocument known) {
    Journal journal = null;
    if (config.journalDirectory().isPresent()) {
      try {
        journal = Journal.open(config.journalDirectory().get(), link.roomId(), journalChannels);
      } catch (IOException e) {
        boolean locked = e instanceof Journal.JournalLockedException;
        fail(new SyncError(locked ? "journal-locked" : "journal-failed", e.getMessage(), true));
        return;
      }
    }
    UndoStack undo = new UndoStack(config.undoGroupPause().toMillis(), 500);
    core = new SessionCore(link.roomId(), link.key(), user, clientId, journal, undo,
        System::currentTimeMillis, new CoreOutput());
    core.holdSends(!config.sendDelay().isZero());
    try {
      if (!core.restore(known)) {
        clientIdKnown.complete(clientId); // nothing in the journal: the random id stays
        startFrom(known); // in this task: before any edit the caller submitted meanwhile
        return;
      }
    } catch (IOException | RuntimeException e) {
      fail(new SyncError("journal-corrupt", "the journal could not be restored: " + e, true));
      return;
    }
    noteDocument();
    publishStatus(); // pending edits restored from the journal show at once
    connect();
  }

  /** Engine: the rest of {@link #open} for a session starting from a known document. */
  private void startFrom(KnownDocument known) {
    if (state.isTerminal()) {
      return; // closed before it started
    }
    try {
      core.startFrom(known);
    } catch (RuntimeException e) {
      fail(new SyncError("start-failed", "the session could not start from the document: " + e, true));
      return;
    }
    publishStatus(); // the revision it starts at
    connect();
    // Journalled next, while the socket opens (any record written before forces it out first).
    engine.execute(() -> {
      if (!state.isTerminal()) {
        core.writeStartSnapshot();
      }
    });
  }

  private void connect() {
    long gen = ++generation;
    if (nextAttempt != null) {
      nextAttempt = null;
      publishStatus(); // the countdown is over: attempting now
    }
    Transport.Listener hop = new Transport.Listener() {
      @Override
      public void onOpen() {
        onEngine(gen, SessionEngine.this::onOpen);
      }

      @Override
      public void onMessage(String text) {
        onEngine(gen, () -> onFrame(text));
      }

      @Override
      public void onClosed(int code, String reason) {
        onEngine(gen, () -> onLost("closed " + code + (reason == null ? "" : " " + reason)));
      }

      @Override
      public void onFailure(Throwable error) {
        onEngine(gen, () -> onLost(String.valueOf(error)));
      }
    };
    if (transport == null) {
      transport = transports.get();
    }
    connection = transport.connect(link.webSocketUrl(), hop);
    welcomeTimer = engine.schedule(() -> {
      if (gen == generation && !core.joined()) {
        onLost("no welcome within " + config.welcomeTimeout());
      }
    }, config.connectTimeout().plus(config.welcomeTimeout()).toMillis(), TimeUnit.MILLISECONDS);
  }

  private void onEngine(long gen, Runnable task) {
    try {
      engine.execute(() -> {
        if (gen == generation && !state.isTerminal()) {
          task.run();
        }
      });
    } catch (RejectedExecutionException closed) {
      // the session is closed; late transport callbacks are dropped
    }
  }

  private void onOpen() {
    send(core.hello());
  }

  private void onFrame(String text) {
    ServerMessage message;
    try {
      message = MessageCodec.decodeServer(text);
    } catch (RuntimeException e) {
      emitError(new SyncError("bad-frame", "unreadable frame from the server: " + e.getMessage(), false));
      return;
    }
    try {
      core.onMessage(message);
    } catch (RuntimeException e) {
      // The server broke the protocol (or we did): our state is unchanged; resync by revision.
      LOG.log(System.Logger.Level.WARNING, "protocol violation; reconnecting", e);
      emitError(new SyncError("protocol", "protocol violation: " + e.getMessage(), false));
      dropConnection("protocol violation");
      return;
    }
    if (core.terminalError() != null) {
      fail(null);
      return;
    }
    if (message instanceof ServerMessage.Welcome) {
      attempts = 0;
      role = core.role();
      if (welcomeTimer != null) {
        welcomeTimer.cancel(false);
      }
      state = State.OPEN;
      presence.reconnected();
    }
    publishStatus();
  }

  private void onLost(String why) {
    LOG.log(System.Logger.Level.DEBUG, "connection lost: {0}", why);
    connection = null;
    generation++; // ignore anything more from that socket
    if (welcomeTimer != null) {
      welcomeTimer.cancel(false);
    }
    core.disconnected();
    if (state.isTerminal()) {
      return;
    }
    state = State.RECONNECTING;
    long base = config.backoffInitial().toMillis();
    long delay = Math.min(config.backoffMax().toMillis(), base << Math.min(attempts, 20));
    double spread = 1 + config.backoffJitter() * (2 * ThreadLocalRandom.current().nextDouble() - 1);
    attempts++;
    long wait = Math.max(1, (long) (delay * spread));
    nextAttempt = Instant.now().plusMillis(wait);
    publishStatus();
    engine.schedule(() -> {
      if (!state.isTerminal() && connection == null) {
        connect();
      }
    }, wait, TimeUnit.MILLISECONDS);
  }

  private void dropConnection(String why) {
    Transport.Connection c = connection;
    if (c != null) {
      c.cancel();
    }
    onLost(why);
  }

  private boolean send(ClientMessage message) {
    Transport.Connection c = connection;
    if (c == null) {
      return false;
    }
    if (!c.send(MessageCodec.encode(message))) {
      // Closing or 16 MiB queued: this socket is done. Nothing is lost: the outstanding op is
      // resent after the reconnect, by revision.
      engine.execute(() -> {
        if (connection == c) {
          dropConnection("send refused");
        }
      });
      return false;
    }
    return true;
  }

  /** The throttle's send: our local selections, mapped to our revision by the core. */
  private boolean sendPresence(List<Range> localRanges) {
    if (state.isTerminal()) {
      return false;
    }
    ClientMessage.Presence p = core.presence(localRanges);
    return p != null && send(p);
  }

  private void fail(SyncError error) {
    if (error != null) {
      emitError(error);
    }
    state = State.FAILED;
    shutdownEngine(1000);
  }

  private void shutdownEngine(int code) {
    generation++;
    presence.cancel();
    Transport.Connection c = connection;
    connection = null;
    if (c != null) {
      c.close(code, null);
    }
    if (core != null) {
      try {
        core.closeJournal();
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "closing the journal failed", e);
      }
    }
    publishStatus();
    engine.shutdown();
    if (transport != null) {
      transport.shutdown();
    }
    if (ownListenerThread != null) {
      ownListenerThread.shutdown();
    }
  }

  /**
   * Reports the status if it changed. A change of the pending count alone, between two non-zero
   * values (typing while an op is in flight), is reported at most every
   * {@value #STATUS_COALESCE_NANOS} ns (trailing edge); every other change at once.
   */
  private void publishStatus() {
    publishStatus(false);
  }

  private void publishStatus(boolean timer) {
    if (timer) {
      statusTimer = null;
    }
    if (!hasDocument && core != null) {
      noteDocument(); // before the OPEN status that tells the UI it may edit
    }
    SyncStatus last = status;
    int pending = core == null ? 0 : core.pendingEdits();
    long rtt = core == null ? -1 : core.roundTripMillis();
    long revision = core == null ? 0 : core.revision();
    Role r = core == null ? null : core.role();
    boolean canUndo = core != null && core.canUndo();
    boolean canRedo = core != null && core.canRedo();
    Instant attemptAt = state == State.RECONNECTING ? nextAttempt : null;
    boolean samePrimitives = last.state() == state && last.revision() == revision
        && last.canUndo() == canUndo && last.canRedo() == canRedo
        && last.role().orElse(null) == r
        && last.roundTrip().map(Duration::toMillis).orElse(-1L) == rtt
        && java.util.Objects.equals(last.nextAttempt().orElse(null), attemptAt);
    if (samePrimitives) {
      if (last.pendingEdits() == pending) {
        return;
      }
      if (pending > 0 && last.pendingEdits() > 0
          && System.nanoTime() - statusPublishedNanos < STATUS_COALESCE_NANOS) {
        if (statusTimer == null && !state.isTerminal()) {
          try {
            statusTimer = engine.schedule(() -> publishStatus(true),
                STATUS_COALESCE_NANOS, TimeUnit.NANOSECONDS);
          } catch (RejectedExecutionException closed) {
            // shutting down: the final status is published by shutdownEngine
          }
        }
        return;
      }
    }
    SyncStatus next = new SyncStatus(state, pending,
        rtt < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(rtt)),
        revision, Optional.ofNullable(r), canUndo, canRedo, Optional.ofNullable(attemptAt));
    status = next;
    statusPublishedNanos = System.nanoTime();
    toListener(() -> listener.onStatus(next));
  }

  /**
   * Engine: publishes what the core now knows before anything reaches the listener: its client id
   * (the journal's, once restored) and whether it has a document to edit.
   */
  private void noteDocument() {
    if (!clientIdKnown.isDone()) {
      clientId = core.clientId();
      clientIdKnown.complete(clientId);
    }
    if (!hasDocument && core.hasBase()) {
      hasDocument = true;
    }
  }

  private void emitError(SyncError error) {
    toListener(() -> listener.onError(error));
  }

  private void toListener(Runnable call) {
    try {
      listenerExecutor.execute(() -> {
        try {
          call.run();
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.ERROR, "a SyncListener threw", e);
        }
      });
    } catch (RejectedExecutionException e) {
      // the listener executor is gone (closing)
    }
  }

  /** The core's effects, on the engine thread. */
  private final class CoreOutput implements SessionCore.Output {
    @Override
    public boolean send(ClientMessage message) {
      return SessionEngine.this.send(message);
    }

    @Override
    public void deliver(Delta change, ChangeOrigin origin) {
      noteDocument(); // before the listener can see the change and let its user edit
      presence.transform(change); // the engine's local document just changed by it
      toListener(channel.deliver(change, origin, listener::onChange));
    }

    @Override
    public void selections(PeerInfo peer, List<Range> ranges) {
      toListener(channel.deliverRanges(ranges, r -> listener.onSelections(peer, r)));
    }

    @Override
    public void peerJoined(PeerInfo peer) {
      toListener(() -> listener.onPeerJoined(peer));
    }

    @Override
    public void peerLeft(PeerInfo peer) {
      toListener(() -> listener.onPeerLeft(peer));
    }

    @Override
    public void chat(ServerMessage.Chat c) {
      ChatMessage m = new ChatMessage(c.id(), c.clientId(), c.user(), c.text(), Instant.ofEpochMilli(c.ts()));
      toListener(() -> listener.onChat(m));
    }

    @Override
    public void error(SyncError error) {
      emitError(error);
    }

    @Override
    public void keysRotated(Map<Role, String> keys) {
      Map<Role, String> copy = Map.copyOf(keys);
      toListener(() -> listener.onKeysRotated(copy));
    }

    @Override
    public void participantRemoved(String clientId) {
      toListener(() -> listener.onParticipantRemoved(clientId));
    }

    @Override
    public void holdStarted() {
      try {
        engine.schedule(() -> {
          if (!state.isTerminal()) {
            core.flushHeld();
            publishStatus();
          }
        }, config.sendDelay().toNanos(), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException closed) {
        // closing
      }
    }
  }

  // ---- mailbox ------------------------------------------------------------------------------

  /** Queues a UI request; false if the engine is gone. */
  private boolean enqueue(Object request) {
    boolean schedule;
    synchronized (mailboxLock) {
      mailbox.add(request);
      schedule = !drainScheduled;
      drainScheduled = true;
    }
    if (schedule) {
      try {
        engine.execute(this::drain);
      } catch (RejectedExecutionException closed) {
        abandonMailbox();
        return false;
      }
    }
    return true;
  }

  /**
   * Engine thread: runs up to {@value #DRAIN_BATCH} queued requests (taking the whole mailbox when
   * the previous take is used up) as one journal batch — their edits appended, then forced once,
   * and only then sent or reported as journalled — then reports the status once.
   */
  private void drain() {
    if (takenNext == taken.size()) {
      taken.clear();
      takenNext = 0;
      synchronized (mailboxLock) {
        ArrayList<Object> empty = taken;
        taken = mailbox;
        mailbox = empty;
        drainScheduled = false; // requests added from now on schedule another drain
      }
    }
    int end = Math.min(taken.size(), takenNext + DRAIN_BATCH);
    List<CompletableFuture<Void>> durableAfterForce = new ArrayList<>();
    SessionCore batchCore = core; // null only if opening failed (the session is then terminal)
    if (batchCore != null) {
      batchCore.beginBatch();
    }
    try {
      while (takenNext < end) {
        Object request = taken.set(takenNext++, null);
        try {
          switch (request) {
            case LocalEdit e -> localEdit(e);
            // every edit before it is appended; it is on disk after the batch's force
            case Journalled j -> durableAfterForce.add(j.done());
            case Runnable task -> {
              if (!state.isTerminal()) {
                task.run();
              }
            }
            default -> throw new IllegalStateException("unknown request " + request);
          }
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.ERROR, "a request failed", e);
          if (request instanceof LocalEdit) {
            emitError(new SyncError("invalid-edit", "the edit could not be applied: " + e, false));
          }
        }
      }
    } finally {
      try {
        if (batchCore != null) {
          batchCore.endBatch(); // one force for the batch's edits; then their submit frames leave
        }
      } finally {
        // After the force (or, if the journal failed, after the session went on without it, as
        // an edit whose own append fails always has): nobody waits forever on a batch that threw.
        durableAfterForce.forEach(done -> done.complete(null));
      }
    }
    if (state.isTerminal()) {
      abandonTaken();
      abandonMailbox();
      return;
    }
    publishStatus();
    if (takenNext < taken.size()) {
      try {
        engine.execute(this::drain); // the rest after whatever else is queued
      } catch (RejectedExecutionException closed) {
        abandonTaken();
        abandonMailbox();
      }
    }
  }

  private void localEdit(LocalEdit e) {
    if (state.isTerminal()) {
      return;
    }
    Delta mine = channel.incorporate(e.change(), e.seen());
    if (core.localEdit(mine) == Outcome.ACCEPTED) {
      presence.transform(mine);
    }
  }

  /**
   * Engine thread, closing: runs every request still queued (a drain task queued before the close
   * runs before it anyway; this catches what a drain left for its next batch).
   */
  private void runQueuedRequests() {
    while (takenNext < taken.size() || !mailboxEmpty()) {
      drain();
    }
  }

  private boolean mailboxEmpty() {
    synchronized (mailboxLock) {
      return mailbox.isEmpty();
    }
  }

  /** The engine is gone: requests still queued are refused. Any thread. */
  private void abandonMailbox() {
    List<Object> requests;
    synchronized (mailboxLock) {
      requests = List.copyOf(mailbox);
      mailbox.clear();
    }
    requests.forEach(SessionEngine::refuse);
  }

  /** Engine thread, the engine gone: requests taken but not run are refused. */
  private void abandonTaken() {
    while (takenNext < taken.size()) {
      refuse(taken.set(takenNext++, null));
    }
  }

  private static void refuse(Object request) {
    if (request instanceof Journalled j) {
      j.done().complete(null); // nothing more will be journalled
    }
  }

  // ---- any thread (the UI's) ----------------------------------------------------------------

  @Override
  public String roomId() {
    return link.roomId();
  }

  @Override
  public String clientId() {
    // Waits only while a just-started session reads its journal (the UI asks once it may edit,
    // when this is long done).
    return clientIdKnown.join();
  }

  @Override
  public State state() {
    return state;
  }

  @Override
  public SyncStatus status() {
    return status;
  }

  @Override
  public Outcome submit(Delta change) {
    if (state.isTerminal()) {
      return Outcome.SESSION_CLOSED;
    }
    if (role == Role.VIEW) {
      return Outcome.READ_ONLY;
    }
    if (!hasDocument) {
      return Outcome.NOT_CONNECTED;
    }
    long seen = channel.submitted(change);
    // Not waited for: the engine journals and forces the edit before it can be sent, so the
    // caller (the UI thread, once per keystroke) never waits for a disk (see journalled()).
    return enqueue(new LocalEdit(change, seen)) ? Outcome.ACCEPTED : Outcome.SESSION_CLOSED;
  }

  @Override
  public CompletableFuture<Void> journalled() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (state.isTerminal() || !enqueue(new Journalled(done))) {
      done.complete(null);
    }
    return done;
  }

  @Override
  public Outcome setSelection(List<Range> ranges) {
    if (state.isTerminal()) {
      return Outcome.SESSION_CLOSED;
    }
    List<Range> copy = List.copyOf(ranges);
    long seen = channel.deliveriesApplied();
    return post(() -> {
      presence.set(channel.toEngine(copy, seen));
    });
  }

  @Override
  public Outcome sendChat(String text) {
    if (state.isTerminal()) {
      return Outcome.SESSION_CLOSED;
    }
    if (text == null || text.isBlank()) {
      return Outcome.INVALID;
    }
    if (state != State.OPEN) {
      return Outcome.NOT_CONNECTED;
    }
    return post(() -> send(new ClientMessage.Chat(text)));
  }

  @Override
  public Outcome undo() {
    return undoOrRedo(true);
  }

  @Override
  public Outcome redo() {
    return undoOrRedo(false);
  }

  private Outcome undoOrRedo(boolean undo) {
    if (state.isTerminal()) {
      return Outcome.SESSION_CLOSED;
    }
    if (role == Role.VIEW) {
      return Outcome.READ_ONLY;
    }
    return post(() -> {
      if (undo) {
        core.undo();
      } else {
        core.redo();
      }
    });
  }

  @Override
  public Outcome rotateKeys(Set<Role> roles) {
    Outcome refused = adminRefusal();
    if (refused != null) {
      return refused;
    }
    if (roles == null || roles.isEmpty()) {
      return Outcome.INVALID;
    }
    ClientMessage.RotateKeys message = new ClientMessage.RotateKeys(roles);
    return post(() -> send(message));
  }

  @Override
  public Outcome removeParticipant(String target) {
    Outcome refused = adminRefusal();
    if (refused != null) {
      return refused;
    }
    if (target == null || !Ids.isValid(target) || target.equals(clientId)) {
      return Outcome.INVALID;
    }
    return post(() -> send(new ClientMessage.Remove(target)));
  }

  /** Why an admin request cannot go now, or null. Like chat, admin requests are never queued. */
  private Outcome adminRefusal() {
    if (state.isTerminal()) {
      return Outcome.SESSION_CLOSED;
    }
    if (state != State.OPEN || role == null) {
      return Outcome.NOT_CONNECTED;
    }
    return role.canAdminister() ? null : Outcome.NOT_ADMIN;
  }

  /** Queues a UI request behind the edits already submitted (skipped once the session ended). */
  private Outcome post(Runnable task) {
    return enqueue(task) ? Outcome.ACCEPTED : Outcome.SESSION_CLOSED;
  }

  /** Drops the socket as if the network failed (tests, and the app's "go offline" switch). */
  public void dropConnection() {
    post(() -> dropConnection("dropped on request"));
  }

  /**
   * How long {@link #close} waits for the engine to journal the edits still queued and stop.
   * Queued edits are journalled in drain batches of up to {@value #DRAIN_BATCH}, each forced to
   * disk once, so thousands of edits queued while the engine was stuck (in a connect) cost CPU
   * (15–100 µs each) plus two forces and a few compaction snapshots: 8,500 took 0.11–0.97 s on a
   * loaded 2-core machine, the first in a cold JVM the slowest (docs/benchmarks.md, "Journal: one
   * force per drained batch"). The bound is sixty times that worst case, because giving up loses
   * keystrokes (the engine thread is a daemon and the journal stays locked), while waiting only
   * delays a rare close: it leaves room for a machine many times slower, a disk whose fsync stalls
   * for seconds, and the compaction snapshot of a 10 MB document. (It was 60 s while each edit had
   * its own force: 8,500 of them took 2.3–6.7 s here.)
   */
  static final java.time.Duration CLOSE_WAIT = java.time.Duration.ofSeconds(60);

  @Override
  public void close() {
    try {
      engine.submit(() -> {
        if (!state.isTerminal()) {
          runQueuedRequests(); // edits the UI made just before closing reach the journal
          state = State.CLOSED;
          shutdownEngine(1000);
        }
      }).get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // already closed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      LOG.log(System.Logger.Level.WARNING, "closing the session", e);
    }
  }
}
