package dev.tandem.server.store;

import dev.tandem.ot.Delta;
import dev.tandem.ot.DocumentRuns;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * Durable storage for rooms: their records (key hashes), their op history, document snapshots and
 * chat. A {@code Room} acknowledges and broadcasts an op only after {@link #append} has completed
 * (the "output gate"), and rebuilds itself from {@link #latestSnapshot} plus {@link #ops} after it
 * was dropped.
 *
 * <p><b>Lifecycle.</b> An implementation is open when constructed and stays open until
 * {@link #close()}. Close waits for writes already submitted to finish (their futures complete
 * normally or exceptionally); calls after close fail with {@link StorageFailedException} (async
 * ones through their future).
 *
 * <p><b>Threads.</b> Every method may be called from any thread, by many room threads at once.
 * Ordering is per caller: writes submitted by one thread are applied in the order submitted, so a
 * room (one thread at a time) may submit its next {@link #append} before the previous one
 * completes; the store commits them in order, in the same or a later transaction. Futures may
 * complete on a thread owned by the store: dependent actions must be short, or hop to the caller's
 * own thread (a Room posts a message to its mailbox). Blocking methods may wait for I/O; a store
 * with a bounded write queue may also block {@link #append} while the queue is full
 * (backpressure).
 *
 * <p><b>Revisions.</b> A room's ops have revs 1, 2, 3, … without gaps; {@link #headRevision} is
 * the highest (0 before the first op). (clientId, seq) is unique in a room, and a client's seqs
 * increase with rev.
 *
 * <p><b>Failures</b> are {@link StoreException}s, thrown or delivered through the future; see
 * there for what each means. A refused batch leaves nothing of itself behind.
 *
 * <p>Every implementation passes the contract suite {@code RoomStoreContract} in the tests.
 */
public interface RoomStore extends AutoCloseable {

  // ---- room records -------------------------------------------------------------------------

  /**
   * Creates a room, durably, before returning.
   *
   * @throws RoomExistsException if the id is taken
   */
  void createRoom(RoomRecord room);

  /** The room's record, or empty if it was never created. */
  Optional<RoomRecord> findRoom(String roomId);

  /**
   * Replaces a room's key hashes (rotation), durably, before returning. Keys presented later are
   * checked against the new hashes only.
   *
   * @throws UnknownRoomException if the room was never created
   */
  void replaceKeys(String roomId, KeyHashes newKeys);

  // ---- ops ----------------------------------------------------------------------------------

  /**
   * Appends ops to a room's history. The future completes normally only after all of them are
   * durable (survive a crash or power loss); then they are visible to the read methods.
   *
   * <p>The batch must continue the history exactly: revs {@code head+1, head+2, …} where head
   * counts every earlier append of this room that succeeded (including ones submitted but not yet
   * completed). Each client's seqs must strictly increase: an op's seq must be above every seq
   * its client committed in this room before (and earlier in the batch). Otherwise the future
   * fails with {@link RevisionConflictException} (gap or duplicate rev),
   * {@link DuplicateOpException} (a (clientId, seq) the room already has),
   * {@link SpentSeqException} (a seq below the client's last one that was never committed), or
   * {@link UnknownRoomException}, and nothing of this batch is stored. Appends of other rooms in
   * the same transaction are not affected. An empty list completes at once.
   */
  CompletableFuture<Void> append(String roomId, List<StoredOp> ops);

  /**
   * The room's committed ops with {@code afterRev < rev ≤ upToRevInclusive}, in rev order; fewer
   * if the history is shorter. Empty for an unknown room.
   *
   * @throws IllegalArgumentException if {@code afterRev < 0} or {@code upToRevInclusive < afterRev}
   */
  List<StoredOp> ops(String roomId, long afterRev, long upToRevInclusive);

  /** The rev of the room's last committed op; 0 if it has none or the room is unknown. */
  long headRevision(String roomId);

  /**
   * The rev at which the op (clientId, seq) was committed in this room, if it was: how a Room
   * answers a resend of an op older than the history it keeps in memory. The client's last op is
   * found at once; an older one may cost a walk back through the history to it (a correct client
   * resends only its last op, so that path is rare).
   */
  OptionalLong committedRevision(String roomId, String clientId, long seq);

  /**
   * The client's op with the highest seq in this room and its rev, or empty if the client never
   * committed one here (or the room is unknown). A seq at or below it that was never committed can
   * never be committed (seqs strictly increase per client): a Room asks this once per client per
   * activation, so the rule holds across hibernation and restarts.
   */
  Optional<ClientSeq> lastCommitted(String roomId, String clientId);

  // ---- snapshots ----------------------------------------------------------------------------

  /**
   * Stores the document as of {@code rev}. Completes when durable. The snapshot with the highest
   * rev is the latest; saving a rev again replaces that snapshot; older snapshots may be dropped.
   * Fails with {@link UnknownRoomException} for an unknown room.
   *
   * @throws IllegalArgumentException if {@code document} is not a document (inserts only)
   */
  CompletableFuture<Void> saveSnapshot(String roomId, long rev, Delta document);

  /**
   * As {@link #saveSnapshot(String, long, Delta)}, with the document in compact form (the form a
   * room's snapshot copy takes: no object per run). A store that keeps snapshots compact overrides
   * it to skip making a Delta; this default makes one.
   */
  default CompletableFuture<Void> saveSnapshot(String roomId, long rev, DocumentRuns document) {
    return saveSnapshot(roomId, rev, document.toDelta());
  }

  /** The snapshot with the highest rev, or empty if none was saved. */
  Optional<Snapshot> latestSnapshot(String roomId);

  // ---- chat ---------------------------------------------------------------------------------

  /**
   * Appends a chat message; completes when durable. A message id the room already has is
   * ignored (the future completes normally), so resends are harmless. Fails with
   * {@link UnknownRoomException} for an unknown room.
   */
  CompletableFuture<Void> appendChat(String roomId, ChatRecord message);

  /** The room's last {@code limit} chat messages, oldest first, in the order they were appended. */
  List<ChatRecord> recentChat(String roomId, int limit);

  // ---- lifecycle ----------------------------------------------------------------------------

  /** Finishes submitted writes, then releases files and threads. Idempotent. */
  @Override
  void close();
}
