package dev.tandem.server.room;

import dev.tandem.ot.Delta;
import dev.tandem.ot.DocumentRuns;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.server.store.RoomStore;
import dev.tandem.server.store.StoredOp;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A room's commit path (docs/protocol.md §4): the version gate, idempotent resends, transform to
 * the head, author stamp, limits, then group commit; and, once a batch is durable, acks,
 * broadcast and the periodic snapshot. Called on the room's thread with the room loaded; the
 * history is passed in because hibernation replaces it.
 */
final class RoomEdits {
  private static final Logger log = LoggerFactory.getLogger(RoomEdits.class);

  private final String roomId;
  private final RoomStore store;
  private final RoomConfig config;
  private final Clock clock;
  private final RoomObserver observer;
  private final CommitPipeline commits;
  private final Participants participants;
  private final StaleMessages stale;
  /**
   * CPU time of this room's last snapshot: the room thread's copy out of the tree plus the
   * snapshot thread's work. Written by the snapshot thread, read on the room's thread; advisory.
   */
  private volatile long lastSnapshotNanos;
  /**
   * True from the moment the room's thread hands a snapshot to the snapshot thread until the store
   * has it durably or it failed (cleared on the thread that learns so). At most one snapshot of a
   * room is in flight: a room edited faster than its snapshots are encoded and written then holds
   * one copy of its document outside its tree, not a growing queue of them (at 20,000 ops/s into a
   * 0.7 MB document of short author runs that queue held ~1.5 GB, and G1 paused 130–180 ms to copy
   * it). A due snapshot waits for the next durable batch after it clears; the one it replaces
   * could not have reached storage sooner than the one in flight.
   */
  private final AtomicBoolean snapshotInFlight = new AtomicBoolean();

  /**
   * A snapshot costs O(document) and is paid for by the ops between two snapshots: the interval
   * grows so that this stays under about this much CPU per op (~2 % of what an op costs the server).
   */
  static final long SNAPSHOT_NANOS_PER_OP = 5_000;
  /** ...but never beyond this many times {@code snapshotEvery}, which bounds the replay on load. */
  static final int MAX_SNAPSHOT_STRETCH = 10;

  RoomEdits(String roomId, RoomStore store, RoomConfig config, Clock clock, RoomObserver observer,
      CommitPipeline commits, Participants participants, StaleMessages stale) {
    this.roomId = roomId;
    this.store = store;
    this.config = config;
    this.clock = clock;
    this.observer = observer;
    this.commits = commits;
    this.participants = participants;
    this.stale = stale;
  }

  void onSubmit(Participant from, ClientMessage.Submit op, RoomHistory history) {
    if (!from.role.canEdit()) {
      participants.reject(from, ErrorCode.FORBIDDEN, "this link is read-only", op.seq());
      return;
    }
    if (op.base() > history.durableRev()) {
      participants.expel(from, ErrorCode.BAD_BASE, "base " + op.base() + " is newer than the room's revision " + history.durableRev());
      return;
    }
    OptionalLong committed = history.committedRevision(from.clientId, op.seq());
    if (committed.isPresent()) {
      // A resend of an op already committed: acknowledge it again, never commit it twice.
      // If it is not durable yet, the ack goes out with its batch (acks go to the clientId).
      if (committed.getAsLong() <= history.durableRev()) {
        participants.reply(from, new ServerMessage.Ack(op.seq(), committed.getAsLong()));
      } else {
        from.ackPendingRev = Math.max(from.ackPendingRev, committed.getAsLong());
      }
      return;
    }
    if (history.seqSpent(from.clientId, op.seq())) {
      participants.reject(from, ErrorCode.BAD_FRAME, "seq " + op.seq() + " is not above this client's last committed seq"
          + " and was never committed; use a new seq", op.seq());
      return;
    }
    List<StoredOp> since = history.opsInMemory(op.base(), history.head());
    if (since == null) {
      // Older than memory: read and transformed off this thread, then handled again (StaleMessages).
      stale.read(from, op, op.base(), history.forgottenUpTo());
      return;
    }
    Delta stamped;
    try {
      stamped = AuthorStamp.stamp(RoomHistory.rebase(since, op.delta()), from.authorStamp);
    } catch (IllegalArgumentException e) {
      // A length past 2^31 − 1 once the text inserted since its base is added: it fits no
      // document. Refused like any op that does not fit, never an exception out of the room.
      participants.reject(from, ErrorCode.LENGTH_MISMATCH, "the change does not fit the document: "
          + e.getMessage(), op.seq());
      return;
    }
    long newLength = (long) history.documentLength() + stamped.changeLength();
    if (newLength > config.limits().maxDocLength()) {
      participants.reject(from, ErrorCode.DOC_TOO_LARGE, "the document would grow to " + newLength
          + " characters; the limit is " + config.limits().maxDocLength(), op.seq());
      return;
    }
    StoredOp stored = new StoredOp(history.head() + 1, from.clientId, op.seq(), stamped,
        from.user.name(), clock.instant());
    try {
      history.accept(stored);
    } catch (IllegalArgumentException e) {
      participants.reject(from, ErrorCode.LENGTH_MISMATCH, e.getMessage(), op.seq());
      return;
    }
    commits.submit(stored);
    from.ackPendingRev = stored.rev();
  }

  /**
   * Ops between snapshots: {@code snapshotEvery}, stretched when the last snapshot cost more than
   * {@link #SNAPSHOT_NANOS_PER_OP} per op of that interval (large documents of many short
   * formatting runs, such as many authors typing), up to {@link #MAX_SNAPSHOT_STRETCH} times. So
   * the snapshot's O(document) work stays a small share of each op's cost, and a load still
   * replays at most {@code MAX_SNAPSHOT_STRETCH × snapshotEvery} ops.
   */
  int snapshotInterval() {
    long every = config.snapshotEvery();
    long byCost = lastSnapshotNanos / SNAPSHOT_NANOS_PER_OP;
    return (int) Math.min(every * MAX_SNAPSHOT_STRETCH, Math.max(every, byCost));
  }

  /** {@code batch} is durable: start the next write, tell everyone, snapshot if due. */
  void onDurable(List<StoredOp> batch, RoomHistory history) {
    history.markDurable(batch.getLast().rev());
    commits.delivered();
    // The next batch (ops accepted while this one was written) starts writing before this one's
    // fan-out, so the writer's fsync overlaps the room's broadcast instead of waiting for it. Its
    // acks still wait for its own WriteDone, which the mailbox delivers after this message.
    commits.flush();
    participants.broadcast(batch);
    observer.committed(roomId, batch.size());
    RoomPresence.keepCurrent(participants, history, Math.max(1, config.recentOps() / 4));
    if (!snapshotInFlight.get() && history.snapshotDue(snapshotInterval())) {
      long started = System.nanoTime();
      long rev = history.markSnapshot();
      // Only the copy out of the tree happens here; finishing the document, validating and
      // encoding it (O(document) each) happen on the snapshot thread.
      Supplier<DocumentRuns> document = history.durableDocumentSource();
      long copyNanos = System.nanoTime() - started;
      // Set only once the copy is made: a copy that throws leaves no snapshot in flight.
      snapshotInFlight.set(true);
      Snapshots.save(() -> store.saveSnapshot(roomId, rev, document.get()),
          snapshotNanos -> lastSnapshotNanos = copyNanos + snapshotNanos,
          failure -> log.warn("room {}: snapshot at rev {} failed (history still complete)", roomId, rev, failure),
          () -> snapshotInFlight.set(false));
    }
  }
}
