package dev.tandem.sync.internal;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.RichDocument;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.Protocol;
import dev.tandem.protocol.Role;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.CommittedOp;
import dev.tandem.protocol.Values.PeerInfo;
import dev.tandem.protocol.Values.PeerState;
import dev.tandem.protocol.Values.Range;
import dev.tandem.protocol.Values.User;
import dev.tandem.sync.ChangeOrigin;
import dev.tandem.sync.Outcome;
import dev.tandem.sync.SyncError;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The protocol logic of one session with no threads and no sockets: it turns local edits, undo,
 * and server frames into frames to send and changes to deliver, through {@link Output}. The
 * {@link SessionEngine} drives it from its engine thread over a real socket; the convergence
 * simulator drives it directly against a real room. Everything here is owned by that one thread.
 *
 * <p>Invariants: {@code localDoc = serverDoc.apply(state.pending())}; {@code serverDoc} is the
 * room's document at {@code state.revision()}; every change that reaches {@code localDoc} is
 * either journalled (local edits, before they count) or re-derivable from the server (remote
 * ops, acks), so a replay of the journal rebuilds this state exactly.
 *
 * <p>Journalled before sent: a {@code submit} frame leaves only when no edit in the journal is
 * unforced ({@link Journal#hasUnforcedEdits()}), so every edit it carries is on disk. Outside a
 * batch each edit is forced as it is appended; inside one ({@link #beginBatch} … {@link #endBatch},
 * the engine's drain of everything the UI queued) edits are only appended, the submit frames they
 * cause wait in {@link #awaitingForce}, and {@link #endBatch} forces once and then sends them.
 */
public final class SessionCore {

  /** Where the core's effects go. Called on the engine thread. */
  public interface Output {
    /** Sends a frame; false when the socket cannot take it (the engine then reconnects). */
    boolean send(ClientMessage message);

    void deliver(Delta change, ChangeOrigin origin);

    /** A peer's selections in local-document coordinates. */
    default void selections(PeerInfo peer, List<Range> ranges) {}

    default void peerJoined(PeerInfo peer) {}

    default void peerLeft(PeerInfo peer) {}

    default void chat(ServerMessage.Chat chat) {}

    default void error(SyncError error) {}

    /** Admin: the server's answer to {@code rotate-keys}, the new key of each rotated role. */
    default void keysRotated(Map<Role, String> keys) {}

    /** Admin: the server's answer to {@code remove}. */
    default void participantRemoved(String clientId) {}

    /**
     * An op is being held for the send delay ({@link #holdSends}): call {@link #flushHeld()}
     * once it has passed. Only called when holding is on.
     */
    default void holdStarted() {}
  }

  /** Codes after which reconnecting cannot help (docs/protocol.md §6, plus {@code replaced}). */
  private static final Set<ErrorCode> TERMINAL = EnumSet.of(ErrorCode.UNSUPPORTED_VERSION,
      ErrorCode.UNKNOWN_ROOM, ErrorCode.BAD_KEY, ErrorCode.KEY_REVOKED, ErrorCode.REMOVED,
      ErrorCode.REPLACED);
  private static final int RECENT_OPS = 256;
  private static final int COMPACT_AFTER = 2_000;

  private final String roomId;
  private final String key;
  private final User user;
  private final Output out;
  private final UndoStack undo;
  private final LongSupplier millis;
  private Journal journal;

  private String clientId;
  private ClientState state = ClientState.initial(0);
  /**
   * Local edits made while an op is in flight, not yet composed into the state's buffer. Composing
   * each keystroke into the buffer at once costs O(buffer) per keystroke (the buffer's insert text
   * is copied every time), quadratic in a burst; composing the burst as a balanced tree when the
   * buffer is next needed ({@link #settle}) costs O(size · log k). Every read of {@link #state}
   * other than the revision settles first.
   */
  private final ArrayList<Delta> deferred = new ArrayList<>();
  /**
   * The newest deferred edits, while they are plain typing around one place, composed in place
   * ({@link #plainEdit}); it goes to the end of {@link #deferred} before anything else does
   * ({@link #closeRun}). Only open while an op is held or in flight, like {@link #deferred}.
   */
  private final TypingRun run = new TypingRun();
  private RichDocument serverDoc = RichDocument.of(Delta.document("\n"));
  private RichDocument localDoc = RichDocument.of(Delta.document("\n"));
  private boolean hasBase;
  private int outstandingEdits;
  private int bufferedEdits;
  /**
   * The outstanding op is the first part of an edit too large for one op and the buffer begins
   * with the rest of it ({@link #countSplitRest}): refused, it takes that rest with it, or the
   * room would get part of an edit it refused. Until the part's ack; journalled in snapshots.
   */
  private boolean splitInFlight;
  private boolean joined;
  private Role role;
  private ErrorCode terminalError;
  private boolean replaying;
  /** Inside {@link #beginBatch}/{@link #endBatch}: local edits are appended without forcing. */
  private boolean batching;
  /**
   * Submit frames made while the journal held unforced edits, in order: they leave after the force
   * ({@link #endBatch}). Dropped with the socket ({@link #disconnected}): the outstanding op is
   * resent after the next welcome anyway.
   */
  private final ArrayList<ClientMessage> awaitingForce = new ArrayList<>();
  /** The first snapshot of a session started from a known document, not yet in the journal. */
  private JournalRecord.Snapshot unwrittenStart;
  /** Send coalescing on: an op that could be sent is held until {@link #flushHeld()}. */
  private boolean holdSends;
  /** Typing goes through {@link #plainEdit}; off only in tests that compare it with the general path. */
  private boolean batchTyping = true;
  private long sentAtMillis = -1;
  private long roundTripMillis = -1;
  private final Map<String, PeerInfo> peers = new LinkedHashMap<>();
  /** Committed ops (revision, delta) of the last {@value #RECENT_OPS} revisions, for presence. */
  private final ArrayDeque<CommittedOp> recent = new ArrayDeque<>();
  private final Set<String> seenChat = new LinkedHashSet<>();

  public SessionCore(String roomId, String key, User user, String clientId, Journal journal,
      UndoStack undo, LongSupplier millis, Output out) {
    this.roomId = roomId;
    this.key = key;
    this.user = user;
    this.clientId = clientId;
    this.journal = journal;
    this.undo = undo;
    this.millis = millis;
    this.out = out;
  }

  /**
   * Turns send coalescing on or off ({@code SyncConfig.sendDelay}): when on, an op that could be
   * sent at once is held ({@link ClientState.Holding}) and {@link Output#holdStarted()} asks the
   * driver to call {@link #flushHeld()} later. Never during a journal replay.
   */
  public void holdSends(boolean on) {
    this.holdSends = on;
  }

  /** Tests: with {@code false} every local edit takes the general path (stamp, invert, defer). */
  void batchTyping(boolean on) {
    this.batchTyping = on;
  }

  // ---- journal ------------------------------------------------------------------------------

  /**
   * Reads the journal (if any) and replays it; afterwards the journal holds one fresh snapshot.
   * Delivers the restored document as one {@link ChangeOrigin#RESTORE} change from "\n".
   */
  public void restore() throws IOException {
    restore(null);
  }

  /**
   * {@link #restore()}, unless the journal holds no state (there is none, it is empty, or nothing in
   * it was readable) and the caller knows the room's document: then nothing is restored, nothing
   * changes, and this returns false — call {@link #startFrom} next. Returns true when it restored
   * (or had nothing to restore and no {@code known}).
   */
  public boolean restore(dev.tandem.sync.KnownDocument known) throws IOException {
    if (journal == null) {
      return known == null;
    }
    Journal.Contents contents = journal.read();
    if (known != null && contents.records().isEmpty()) {
      if (contents.problem() != null) {
        out.error(new SyncError("journal-corrupt", "the journal " + journal.file() + " is damaged ("
            + contents.problem() + "); nothing in it was usable and the file was kept as .corrupt-*",
            false));
      }
      return false;
    }
    if (!contents.records().isEmpty()) {
      replaying = true;
      try {
        for (JournalRecord record : contents.records()) {
          switch (record) {
            case JournalRecord.Snapshot s -> load(s);
            case JournalRecord.Edit e -> applyLocal(e.change(), e.hold());
            case JournalRecord.Remote r -> applyRemote(r.rev(), r.op());
            case JournalRecord.Ack a -> applyAck(a.seq(), a.rev(), a.hold());
            case JournalRecord.Flush f -> flushHeld();
          }
        }
        // Killed while an op was held: it may as well go now (the snapshot below records it as
        // in flight, and the next welcome resends it).
        flushHeld();
      } finally {
        replaying = false;
      }
    }
    if (contents.problem() != null) {
      out.error(new SyncError("journal-corrupt", "the journal " + journal.file() + " is damaged ("
          + contents.problem() + "); its valid part was restored and the file kept as .corrupt-*",
          false));
    }
    journal.rewrite(snapshot());
    Delta doc = localDoc.toDelta();
    if (!doc.equals(Delta.document("\n"))) {
      out.deliver(Delta.builder().addAll(doc).delete(1).build(), ChangeOrigin.RESTORE);
    }
    return true;
  }

  /**
   * Starts a session whose journal held no state from the room's document at a revision the
   * caller knows ({@link dev.tandem.sync.KnownDocument}): delivered to the editor as a
   * {@link ChangeOrigin#RESTORE} from "\n" first (the editor can show it while the rest happens),
   * then this is the state a welcome carrying that document would have left, journalled as the
   * first snapshot. The next {@link #hello} asks for the ops since that revision.
   */
  public void startFrom(dev.tandem.sync.KnownDocument known) {
    if (hasBase || state.pendingOps() > 0 || !deferred.isEmpty() || run.isOpen()) {
      throw new IllegalStateException("startFrom needs a session with no state");
    }
    Delta doc = known.document();
    out.deliver(Delta.builder().addAll(doc).delete(1).build(), ChangeOrigin.RESTORE);
    state = new ClientState.Synchronized(known.revision(), state.nextSeq());
    serverDoc = RichDocument.of(doc);
    localDoc = RichDocument.of(doc);
    hasBase = true;
    if (journal != null) {
      unwrittenStart = snapshot(doc);
    }
  }

  /**
   * Writes the snapshot {@link #startFrom} left for later (a 10 MB document takes a while to encode
   * and force): the driver calls it once the session is on its way (connecting); any journal
   * write before that writes it first, so no record ever lands in a journal without it.
   */
  public void writeStartSnapshot() {
    if (unwrittenStart == null || journal == null) {
      return;
    }
    JournalRecord.Snapshot start = unwrittenStart;
    unwrittenStart = null;
    try {
      journal.rewrite(start);
    } catch (IOException e) {
      journalFailed(e);
    }
  }

  private void load(JournalRecord.Snapshot s) {
    deferred.clear();
    run.clear();
    clientId = s.clientId();
    hasBase = s.hasBase();
    state = s.outstanding() == null ? new ClientState.Synchronized(s.rev(), s.nextSeq())
        : s.buffer() == null ? new ClientState.AwaitingConfirm(s.rev(), s.nextSeq(), s.outstanding())
        : new ClientState.AwaitingWithBuffer(s.rev(), s.nextSeq(), s.outstanding(), s.buffer());
    serverDoc = RichDocument.of(s.serverDoc());
    localDoc = RichDocument.of(s.serverDoc());
    localDoc.apply(state.pending());
    outstandingEdits = s.outstandingEdits();
    bufferedEdits = s.bufferedEdits();
    splitInFlight = s.splitInFlight();
  }

  JournalRecord.Snapshot snapshot() {
    return snapshot(serverDoc.toDelta());
  }

  /** {@link #snapshot()} for a caller that holds {@code serverDoc}'s content as a Delta already. */
  private JournalRecord.Snapshot snapshot(Delta serverDocument) {
    settle();
    // A held op is journalled as if in flight: restored, it is resent with its seq (which the
    // server has never seen), exactly as an op that may or may not have left before a crash.
    PendingOp inFlight = state instanceof ClientState.Holding h ? h.held() : outstanding();
    return new JournalRecord.Snapshot(clientId, hasBase, state.revision(), state.nextSeq(),
        serverDocument, inFlight, buffer(), outstandingEdits, bufferedEdits, splitInFlight);
  }

  /** Appends a record whose change is already in the state, and compacts when due. */
  private void journal(JournalRecord record) {
    appendJournal(record);
    compactJournal();
  }

  /**
   * Appends a record. A local edit is appended before it joins the state (which may send it) and
   * compacted only after ({@link #compactJournal}): the snapshot must contain it.
   */
  private void appendJournal(JournalRecord record) {
    if (journal == null || replaying) {
      return;
    }
    writeStartSnapshot();
    if (journal == null) {
      return; // writing it failed
    }
    try {
      if (record instanceof JournalRecord.Edit edit) {
        journal.appendEdit(edit);
        if (!batching) {
          journal.force(); // no batch: the edit is durable before this returns, as it always was
        }
      } else {
        journal.append(record);
      }
    } catch (IOException e) {
      journalFailed(e);
    }
  }

  /** Replaces the journal by a snapshot once it holds more than {@value #COMPACT_AFTER} records. */
  private void compactJournal() {
    if (journal == null || replaying || journal.recordsSinceSnapshot() <= COMPACT_AFTER) {
      return;
    }
    unwrittenStart = null; // superseded
    try {
      journal.rewrite(snapshot());
    } catch (IOException e) {
      journalFailed(e);
    }
  }

  /**
   * Starts a batch of local edits (the engine's drain of the UI's queue): until {@link #endBatch}
   * they are appended to the journal without forcing, and the submit frames they cause are held.
   */
  public void beginBatch() {
    batching = true;
  }

  /**
   * Ends the batch: one force makes every edit appended in it durable, then the submit frames held
   * for it are sent, in order. After this returns the journal holds no unforced edit, so a caller
   * may report every edit made before as durable.
   */
  public void endBatch() {
    batching = false;
    if (journal != null) {
      try {
        journal.force();
      } catch (IOException e) {
        journalFailed(e); // as an append that fails: continue without the journal
      }
    }
    if (awaitingForce.isEmpty()) {
      return;
    }
    List<ClientMessage> frames = List.copyOf(awaitingForce);
    awaitingForce.clear();
    for (ClientMessage frame : frames) {
      sendNow(frame);
    }
  }

  private void journalFailed(IOException e) {
    out.error(new SyncError("journal-failed", "writing the journal failed (" + e.getMessage()
        + "); continuing without it: edits are no longer safe across a crash", false));
    try {
      journal.abandon(); // never replayed: its seqs are reused by the edits made from now on
    } catch (IOException ignored) {
      // already failing
    }
    journal = null;
  }

  // ---- local side ---------------------------------------------------------------------------

  /** The {@code hello} for a new connection: {@code since} whenever there is state to keep. */
  public ClientMessage.Hello hello() {
    settle();
    OptionalLong since = hasBase || state.pendingOps() > 0
        ? OptionalLong.of(state.revision()) : OptionalLong.empty();
    // pending: edits not yet acknowledged, made on `since`: the server then sends the ops since
    // from much further back rather than a snapshot, on which they would have to be dropped.
    return new ClientMessage.Hello(Protocol.PROTOCOL_VERSION, roomId, key, clientId, user, since, true,
        since.isPresent() && state.pendingOps() > 0);
  }

  /** A local edit on the local document (user typing). */
  public Outcome localEdit(Delta change) {
    if (role == Role.VIEW) {
      return Outcome.READ_ONLY;
    }
    if (!hasBase) {
      // No document yet (first welcome pending, no journal): an edit could not be rebased onto
      // the snapshot the server will send.
      return Outcome.NOT_CONNECTED;
    }
    if (batchTyping && !(state instanceof ClientState.Synchronized) && plain.parse(change)) {
      return plainEdit(plain.position, plain.deleted, plain.inserted);
    }
    Delta stamped = Changes.stamp(change, clientId);
    String misfit = Changes.misfit(stamped, localDoc);
    if (misfit != null) {
      out.error(new SyncError("invalid-edit", misfit, false));
      return Outcome.INVALID;
    }
    if (stamped.isEmpty()) {
      return Outcome.ACCEPTED;
    }
    Delta inverse = Changes.invert(stamped, localDoc);
    try {
      localDoc.apply(stamped); // nothing changes when it throws
    } catch (IllegalArgumentException e) {
      out.error(new SyncError("invalid-edit", e.getMessage(), false));
      return Outcome.INVALID;
    }
    appendJournal(new JournalRecord.Edit(stamped, holdSends));
    pend(stamped, holdSends);
    compactJournal();
    undo.record(stamped, inverse, millis.getAsLong());
    return Outcome.ACCEPTED;
  }

  /** The shape of the edit {@link #localEdit} is looking at; engine thread, reused. */
  private final PlainEdit plain = new PlainEdit();

  /**
   * The batch path of {@link #localEdit} for what typing makes while an op is held or in flight: a
   * plain insert or a plain delete at one position. The same outcome, state, journal, undo entry
   * and error as the general path (a property test compares them), without building the stamped
   * change: the edit joins the open {@link TypingRun}, which stamps the whole run once when it
   * closes.
   */
  private Outcome plainEdit(int position, int deleteCount, String text) {
    int length = localDoc.length();
    if ((long) position + deleteCount >= length) { // reaches the end: Changes.misfit's rules decide
      String misfit = Changes.misfit(Delta.builder().retain(position).insert(text).delete(deleteCount).build(), localDoc);
      if (misfit != null) {
        out.error(new SyncError("invalid-edit", misfit, false));
        return Outcome.INVALID;
      }
    }
    Attributes author = Changes.authorOnly(clientId);
    Delta removed = null; // what a delete removes, for undo
    try {
      if (deleteCount > 0) {
        removed = localDoc.slice(position, position + deleteCount);
        localDoc.delete(position, deleteCount); // nothing changes when it throws
      } else {
        localDoc.insert(position, text, author); // nothing changes when it throws
      }
    } catch (IllegalArgumentException e) {
      out.error(new SyncError("invalid-edit", e.getMessage(), false));
      return Outcome.INVALID;
    }
    if (journal != null && !replaying) {
      appendJournal(new JournalRecord.Edit(Delta.builder().retain(position).insert(text, author)
          .delete(deleteCount).build(), holdSends));
    }
    if (!run.tryAdd(position, deleteCount, text)) {
      closeRun();
      run.tryAdd(position, deleteCount, text);
    }
    countDeferred();
    compactJournal();
    if (deleteCount > 0) {
      undo.recordDelete(position, removed, millis.getAsLong());
    } else {
      undo.recordInsert(position, text, millis.getAsLong());
    }
    return Outcome.ACCEPTED;
  }

  /** Undoes the top own group: applies it as a local edit and returns it (null: nothing to undo). */
  public Delta undo() {
    return undoOrRedo(true);
  }

  public Delta redo() {
    return undoOrRedo(false);
  }

  private Delta undoOrRedo(boolean isUndo) {
    if (role == Role.VIEW || !hasBase) {
      return null;
    }
    Delta entry = isUndo ? undo.popUndo() : undo.popRedo();
    if (entry == null) {
      return null;
    }
    Delta stamped = Changes.stamp(entry, clientId);
    String misfit = Changes.misfit(stamped, localDoc);
    if (misfit != null) {
      // Rebased through others' changes, the entry no longer fits (undoing a paragraph added below
      // the last one after someone typed into it): the server would refuse it, and with it
      // whatever it is composed with. Refused here, as a local edit that does not fit; the entry
      // is gone (the next undo takes the one below it).
      out.error(new SyncError("invalid-edit", (isUndo ? "undo: " : "redo: ") + misfit, false));
      return null;
    }
    Delta inverse = Changes.invert(stamped, localDoc);
    // As localEdit: appended before it joins the state, compacted only after (the snapshot must
    // contain it; compacting first would leave it in neither the snapshot nor the file).
    appendJournal(new JournalRecord.Edit(stamped, holdSends));
    applyLocal(stamped, holdSends);
    compactJournal();
    if (isUndo) {
      undo.pushRedo(inverse);
    } else {
      undo.pushUndo(inverse);
    }
    out.deliver(stamped, isUndo ? ChangeOrigin.UNDO : ChangeOrigin.REDO);
    return stamped;
  }

  /** {@code hold}: as journalled (live: {@link #holdSends}). */
  private void applyLocal(Delta change, boolean hold) {
    localDoc.apply(change);
    pend(change, hold);
  }

  /** A change already applied to {@link #localDoc} joins the state: sent, held or deferred. */
  private void pend(Delta change, boolean hold) {
    if (!(state instanceof ClientState.Synchronized)) {
      // an op is held or in flight: the edit joins the held op or the buffer (composed lazily,
      // see deferred)
      if (!change.isEmpty()) {
        closeRun();
        deferred.add(change);
        countDeferred();
      }
      return;
    }
    Step step = state.localEdit(change, hold);
    state = step.next();
    outstandingEdits = 1;
    countSplitRest(step);
    run(step);
  }

  /**
   * A step that sent only the head of an op too large for one frame kept the rest as the buffer
   * ({@link ClientState#MAX_OP_BYTES}); that rest counts as one more buffered edit, so the count
   * of edits not yet on the server never reads 0 while part of one is unsent (until the head's
   * ack it reads one more than the person made). Only for steps that start an op, not resends.
   */
  private void countSplitRest(Step step) {
    if (step.next() instanceof ClientState.AwaitingWithBuffer
        && step.effects().stream().anyMatch(effect -> effect instanceof Effect.SendOp)) {
      bufferedEdits++;
      splitInFlight = true;
    }
  }

  /**
   * The edits not yet on the server as the person made them, for messages: {@link #pendingEdits}
   * without the rest of a split edit, which {@link #countSplitRest} counts as one more.
   */
  private int editsMade() {
    return outstandingEdits + bufferedEdits - (splitInFlight ? 1 : 0);
  }

  /** The send delay is over: a held op is sent (no-op in any other state). */
  public void flushHeld() {
    settle();
    if (!(state instanceof ClientState.Holding h)) {
      return;
    }
    Step step = state.flush();
    journal(new JournalRecord.Flush(h.held().seq()));
    state = step.next();
    countSplitRest(step);
    run(step);
  }

  /** One more edit deferred: it will join the held op, or the buffer. */
  private void countDeferred() {
    if (state instanceof ClientState.Holding) {
      outstandingEdits++;
    } else {
      bufferedEdits++;
    }
  }

  /** The open typing run, if any, becomes the newest deferred edit. */
  private void closeRun() {
    if (run.isOpen()) {
      Delta change = run.close(Changes.authorOnly(clientId));
      if (!change.isEmpty()) {
        deferred.add(change);
      }
    }
  }

  /** Composes the deferred local edits into the state's held op or buffer. */
  private void settle() {
    closeRun();
    if (deferred.isEmpty()) {
      return;
    }
    Delta burst = composeAll(deferred);
    deferred.clear();
    Step step = state.localEdit(burst);
    state = step.next();
    run(step); // none: an awaiting state only buffers
  }

  /** e1 ∘ e2 ∘ … ∘ ek as a balanced tree of compositions (compose is associative). */
  static Delta composeAll(List<Delta> edits) {
    List<Delta> level = new ArrayList<>(edits);
    while (level.size() > 1) {
      List<Delta> next = new ArrayList<>((level.size() + 1) / 2);
      for (int i = 0; i < level.size(); i += 2) {
        next.add(i + 1 < level.size() ? level.get(i).compose(level.get(i + 1)) : level.get(i));
      }
      level = next;
    }
    return level.getFirst();
  }

  /** Our selections, local coordinates, as a presence frame at our revision; null if offline. */
  public ClientMessage.Presence presence(List<Range> localRanges) {
    if (!joined) {
      return null;
    }
    settle();
    Delta pending = state.pending();
    Delta back = pending.isEmpty() ? null : Changes.invert(pending, localDocBeforePending());
    int max = serverDoc.length() - 1;
    List<Range> mapped = new ArrayList<>(localRanges.size());
    for (Range r : localRanges) {
      int a = back == null ? r.anchor() : back.transformPosition(r.anchor(), false);
      int h = back == null ? r.head() : back.transformPosition(r.head(), false);
      mapped.add(new Range(Math.clamp(a, 0, max), Math.clamp(h, 0, max)));
    }
    return new ClientMessage.Presence(state.revision(), mapped);
  }

  private RichDocument localDocBeforePending() {
    return serverDoc;
  }

  // ---- server side --------------------------------------------------------------------------

  /** The socket is gone: peers are no longer known to be here. */
  public void disconnected() {
    joined = false;
    awaitingForce.clear(); // meant for the lost socket; the welcome's resend covers the op
    for (PeerInfo p : List.copyOf(peers.values())) {
      out.peerLeft(p);
    }
    peers.clear();
  }

  public void onMessage(ServerMessage message) {
    settle();
    switch (message) {
      case ServerMessage.Welcome w -> onWelcome(w);
      case ServerMessage.Ack a -> onAck(a.seq(), a.rev());
      case ServerMessage.Ops o -> o.ops().forEach(this::onCommitted);
      case ServerMessage.Presence p -> onPresence(p);
      case ServerMessage.Peer p -> onPeer(p);
      case ServerMessage.Chat c -> {
        if (seenChat.add(c.id())) {
          trimSeenChat();
          out.chat(c);
        }
      }
      case ServerMessage.Error e -> onError(e);
      case ServerMessage.Keys k -> out.keysRotated(k.keys());
      case ServerMessage.Removed r -> out.participantRemoved(r.clientId());
    }
  }

  private void onWelcome(ServerMessage.Welcome w) {
    joined = true;
    role = w.you().role();
    Map<String, PeerInfo> now = new LinkedHashMap<>();
    w.peers().forEach(p -> now.put(p.clientId(), p));
    for (PeerInfo p : List.copyOf(peers.values())) {
      if (!now.containsKey(p.clientId())) {
        out.peerLeft(p);
      }
    }
    for (PeerInfo p : now.values()) {
      if (!peers.containsKey(p.clientId())) {
        out.peerJoined(p);
      }
    }
    peers.clear();
    peers.putAll(now);
    if (w.doc().isPresent()) {
      replaceDocument(w.rev(), w.doc().get());
    } else {
      w.ops().orElseThrow().forEach(this::onCommitted);
      run(state.resend());
    }
    hasBase = true;
    for (ServerMessage.Chat c : w.chat()) {
      if (seenChat.add(c.id())) {
        out.chat(c);
      }
    }
    trimSeenChat();
  }

  private void replaceDocument(long rev, Delta doc) {
    int pending = editsMade();
    if (pending > 0) {
      out.error(new SyncError("edits-discarded", "the server sent a snapshot instead of the ops since"
          + " revision " + state.revision() + "; " + pending + " unsent edit(s) were dropped", false));
    }
    if (!localDoc.toDelta().equals(doc)) {
      out.deliver(replacement(localDoc, doc), ChangeOrigin.RESTORE);
    }
    serverDoc = RichDocument.of(doc);
    localDoc = RichDocument.of(doc);
    state = new ClientState.Synchronized(rev, state.nextSeq());
    outstandingEdits = 0;
    bufferedEdits = 0;
    splitInFlight = false;
    undo.clear();
    recent.clear();
    hasBase = true;
    rewriteJournal(doc); // serverDoc holds doc: no need to turn 10 MB back into a Delta
  }

  /**
   * The change from {@code old} to {@code doc} that keeps the final "\n" where it is (restyled):
   * everything before it is replaced. An editor edit that crosses this change (made on the old
   * document, see {@link EditorChannel}) then lands inside the new document, before its final
   * newline, on both sides; with the final newline replaced too, a crossing insert was pushed past
   * the new one, where the editor kept it and the session refused it (it does not fit).
   */
  static Delta replacement(RichDocument old, Delta doc) {
    int length = doc.length();
    Attributes oldLast = old.attributesAt(old.length() - 1);
    Attributes newLast = ((dev.tandem.ot.Op.Insert) doc.ops().getLast()).attributes();
    return Delta.builder().addAll(doc.slice(0, length - 1)).delete(old.length() - 1)
        .retain(1, Attributes.diff(oldLast, newLast)).build();
  }

  private void onCommitted(CommittedOp op) {
    if (op.rev() <= state.revision()) {
      return; // already incorporated (a duplicate after a reconnect)
    }
    PendingOp o = outstanding();
    if (op.clientId().equals(clientId) && o != null && o.seq() == op.seq()) {
      applyAck(op.seq(), op.rev(), holdSends); // our own op in a catch-up: that is its ack
    } else {
      applyRemote(op.rev(), op.delta());
    }
  }

  private void onAck(long seq, long rev) {
    PendingOp o = outstanding();
    if (o == null || o.seq() != seq || rev <= state.revision()) {
      return; // a duplicate: the catch-up stream already told us
    }
    applyAck(seq, rev, holdSends);
  }

  /** {@code hold}: as journalled (live: {@link #holdSends}). */
  private void applyAck(long seq, long rev, boolean hold) {
    settle();
    PendingOp o = outstanding();
    boolean hadBuffer = state instanceof ClientState.AwaitingWithBuffer;
    Step step = state.ack(seq, rev, hold);
    serverDoc.apply(o.delta());
    remember(rev, o.delta());
    state = step.next();
    outstandingEdits = hadBuffer ? bufferedEdits : 0;
    bufferedEdits = 0;
    splitInFlight = false; // the part is committed; the rest, now sent, is an op like any other
    countSplitRest(step);
    if (!replaying && sentAtMillis >= 0) {
      roundTripMillis = millis.getAsLong() - sentAtMillis;
      sentAtMillis = -1;
    }
    journal(new JournalRecord.Ack(seq, rev, hold));
    if (hadBuffer) {
      // The buffer is now the op of the next seq and goes out (at once, or after the hold) carrying
      // exactly the edits made before this ack. A replay that lost this record (a power cut keeps
      // only what was forced) would have it still a buffer behind the acknowledged op: edits made
      // after the restart would compose into it, and the server's commit of that seq, without
      // them, would count as their ack (or, held, be applied a second time as someone else's op).
      forceJournal();
    }
    run(step);
  }

  /** Forces every record appended so far ({@link Journal#forceAll}); live only. */
  private void forceJournal() {
    if (journal == null || replaying) {
      return;
    }
    try {
      journal.forceAll();
    } catch (IOException e) {
      journalFailed(e);
    }
  }

  private void applyRemote(long rev, Delta op) {
    settle();
    Step step = state.remoteOp(rev, op);
    serverDoc.apply(op);
    remember(rev, op);
    state = step.next();
    for (Effect effect : step.effects()) {
      if (effect instanceof Effect.ApplyRemote(Delta change)) {
        localDoc.apply(change);
        undo.transform(change);
        if (!replaying) {
          out.deliver(change, ChangeOrigin.REMOTE);
        }
      }
    }
    journal(new JournalRecord.Remote(rev, op));
  }

  private void run(Step step) {
    for (Effect effect : step.effects()) {
      if (effect instanceof Effect.SendOp(long base, long seq, Delta delta) && joined && !replaying) {
        ClientMessage.Submit submit = new ClientMessage.Submit(base, seq, delta);
        if (!awaitingForce.isEmpty() || (journal != null && journal.hasUnforcedEdits())) {
          awaitingForce.add(submit); // journalled before sent: it leaves after the force (endBatch)
        } else {
          sendNow(submit);
        }
      } else if (effect instanceof Effect.Hold && !replaying) {
        out.holdStarted();
      }
    }
  }

  private void sendNow(ClientMessage frame) {
    if (frame instanceof ClientMessage.Submit) {
      sentAtMillis = millis.getAsLong();
    }
    out.send(frame);
  }

  private void remember(long rev, Delta op) {
    recent.addLast(new CommittedOp(rev, clientId, 1, op));
    if (recent.size() > RECENT_OPS) {
      recent.removeFirst();
    }
  }

  private void onPresence(ServerMessage.Presence p) {
    PeerInfo peer = peers.get(p.clientId());
    if (peer == null || p.rev() > state.revision()) {
      return;
    }
    if (p.rev() < state.revision() && (recent.isEmpty() || recent.peekFirst().rev() > p.rev() + 1)) {
      return; // too old to transform; the peer's next presence will do
    }
    List<Range> ranges = new ArrayList<>(p.ranges());
    for (CommittedOp op : recent) {
      if (op.rev() > p.rev()) {
        ranges.replaceAll(r -> new Range(op.delta().transformPosition(r.anchor(), false),
            op.delta().transformPosition(r.head(), false)));
      }
    }
    Delta pending = state.pending();
    ranges.replaceAll(r -> new Range(pending.transformPosition(r.anchor(), false),
        pending.transformPosition(r.head(), false)));
    out.selections(peer, List.copyOf(ranges));
  }

  private void onPeer(ServerMessage.Peer p) {
    PeerInfo info = new PeerInfo(p.clientId(), p.user(), p.role());
    if (p.state() == PeerState.JOINED) {
      if (peers.put(p.clientId(), info) == null) {
        out.peerJoined(info);
      }
    } else if (peers.remove(p.clientId()) != null) {
      out.selections(info, List.of());
      out.peerLeft(info);
    }
  }

  private void onError(ServerMessage.Error e) {
    PendingOp o = outstanding();
    if (e.seq().isPresent() && o != null && e.seq().getAsLong() == o.seq()) {
      rejectPending(e);
    }
    boolean terminal = e.fatal() && TERMINAL.contains(e.code());
    if (terminal) {
      terminalError = e.code();
    }
    out.error(new SyncError(e.code().wire(), e.message(), terminal));
  }

  /**
   * Our outstanding op will never be committed: its edits are reverted locally. The buffer behind
   * it is kept (docs/protocol.md §6, "Rejected op"): rebased onto the server's document without
   * the rejected op, it becomes the next op, with a new seq. Only a buffer that no longer fits
   * there (text typed after a paragraph the rejected op added at the end) is reverted with it.
   */
  private void rejectPending(ServerMessage.Error e) {
    PendingOp rejected = outstanding();
    Delta buffer = buffer();
    // Both apply to serverDoc ∘ rejected: the inverse takes it back to serverDoc, the buffer is what
    // came after. TP1 (the buffer first: the user's later edits win a tie) gives the buffer on
    // serverDoc (kept) and the revert of the rejected op on the local document.
    Delta inverse = Changes.invert(rejected.delta(), serverDoc);
    Delta kept = buffer == null ? Delta.EMPTY : inverse.transform(buffer, false);
    Delta revert = buffer == null ? inverse : buffer.transform(inverse, true);
    if (splitInFlight || !kept.isEmpty() && Changes.misfit(kept, serverDoc) != null) {
      // The buffer begins with the rest of the refused edit (a part of it must not reach the room
      // on its own), or no longer fits without it: reverted with it.
      kept = Delta.EMPTY;
      revert = Changes.invert(state.pending(), serverDoc);
    }
    int dropped = kept.isEmpty() ? editsMade() : outstandingEdits;
    int keptEdits = kept.isEmpty() ? 0 : bufferedEdits;
    localDoc = RichDocument.of(serverDoc.toDelta());
    localDoc.apply(kept);
    state = new ClientState.Synchronized(state.revision(), state.nextSeq());
    outstandingEdits = 0;
    bufferedEdits = 0;
    splitInFlight = false;
    undo.clear();
    sentAtMillis = -1;
    Step next = state.localEdit(kept, holdSends); // nothing when kept is empty
    state = next.next();
    outstandingEdits = keptEdits;
    countSplitRest(next);
    rewriteJournal(); // records the kept edits as in flight before they are sent
    out.deliver(revert, ChangeOrigin.RESTORE);
    run(next);
    out.error(new SyncError("op-rejected", "the server rejected our op (" + e.code().wire() + ": "
        + e.message() + "); " + dropped + " pending edit(s) were undone"
        + (keptEdits > 0 ? ", " + keptEdits + " later edit(s) were kept" : ""), false));
  }

  private void rewriteJournal() {
    if (journal == null || replaying) {
      return;
    }
    rewriteJournal(serverDoc.toDelta());
  }

  /** {@link #rewriteJournal()} with {@code serverDoc}'s content as a Delta. */
  private void rewriteJournal(Delta serverDocument) {
    if (journal == null || replaying) {
      return;
    }
    unwrittenStart = null; // superseded
    try {
      journal.rewrite(snapshot(serverDocument));
    } catch (IOException ex) {
      journalFailed(ex); // the journal's file is closed by the failed rewrite: continue without it
    }
  }

  private void trimSeenChat() {
    var it = seenChat.iterator();
    while (seenChat.size() > 500 && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  // ---- queries ------------------------------------------------------------------------------

  private PendingOp outstanding() {
    settle();
    return switch (state) {
      case ClientState.Synchronized s -> null;
      case ClientState.Holding h -> null; // not sent: never acknowledged nor rejected
      case ClientState.AwaitingConfirm a -> a.outstanding();
      case ClientState.AwaitingWithBuffer b -> b.outstanding();
    };
  }

  private Delta buffer() {
    settle();
    return state instanceof ClientState.AwaitingWithBuffer b ? b.buffer() : null;
  }

  public String clientId() { return clientId; }

  public ClientState state() {
    settle();
    return state;
  }

  public long revision() { return state.revision(); }

  /** Whether there is a document to edit: welcomed, known from the start, or restored with one. */
  public boolean hasBase() { return hasBase; }

  public int pendingEdits() { return outstandingEdits + bufferedEdits; }

  public boolean joined() { return joined; }

  public Role role() { return role; }

  /** Set once a fatal error that reconnecting cannot fix arrived. */
  public ErrorCode terminalError() { return terminalError; }

  public long roundTripMillis() { return roundTripMillis; }

  public boolean canUndo() { return undo.canUndo(); }

  public boolean canRedo() { return undo.canRedo(); }

  /** The local document (the editor's, minus changes still on their way to it). */
  public RichDocument localDocument() { return localDoc; }

  public RichDocument serverDocument() { return serverDoc; }

  public void closeJournal() throws IOException {
    writeStartSnapshot();
    if (journal != null) {
      journal.close();
      journal = null;
    }
  }
}
