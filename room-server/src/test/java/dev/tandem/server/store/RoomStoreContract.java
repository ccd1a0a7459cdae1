package dev.tandem.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link RoomStore} must have. A subclass supplies the store; the suite runs
 * unchanged against each implementation (in memory, SQLite, later PostgreSQL).
 *
 * <p>Futures are awaited with a generous timeout only to turn a hang into a failure; no test
 * asserts on timing.
 */
public abstract class RoomStoreContract {

  /** A fresh, empty, open store. The suite closes it after each test. */
  protected abstract RoomStore newStore() throws Exception;

  protected RoomStore store;

  @BeforeEach
  void openStore() throws Exception {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  // ---- fixtures -----------------------------------------------------------------------------

  protected static final Instant T0 = Instant.parse("2026-12-01T10:15:30.123456789Z");

  protected static RoomRecord room(String id) {
    return new RoomRecord(id, KeyHashes.ofKeys("edit-" + id, "view-" + id, "admin-" + id), T0);
  }

  protected static StoredOp op(long rev, String clientId, long seq) {
    Delta delta = Delta.builder()
        .retain((int) rev)
        .insert("r" + rev, Attributes.of("bold", true, "header", 2))
        .retain(1, Attributes.of("italic", null))
        .delete(1)
        .build();
    return new StoredOp(rev, clientId, seq, delta, "author-" + clientId, T0.plusNanos(rev * 1_001));
  }

  /** Ops with revs from..to, all from one client whose seq equals the rev. */
  protected static List<StoredOp> ops(long fromRev, long toRev, String clientId) {
    return LongStream.rangeClosed(fromRev, toRev).mapToObj(r -> op(r, clientId, r)).toList();
  }

  protected static void await(CompletableFuture<?> future) throws Exception {
    future.get(30, TimeUnit.SECONDS);
  }

  protected static <E extends Throwable> E awaitFailure(CompletableFuture<?> future, Class<E> type) {
    Throwable[] cause = new Throwable[1];
    assertThatThrownBy(() -> future.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(type)
        .satisfies(c -> cause[0] = c);
    return type.cast(cause[0]);
  }

  private void createWithOps(String roomId, long head) throws Exception {
    store.createRoom(room(roomId));
    if (head > 0) {
      await(store.append(roomId, ops(1, head, "c1")));
    }
  }

  // ---- room records -------------------------------------------------------------------------

  @Test
  void createdRoomIsFoundWithItsRecord() {
    store.createRoom(room("r1"));
    assertThat(store.findRoom("r1")).contains(room("r1"));
    assertThat(store.findRoom("r2")).isEmpty();
  }

  @Test
  void creatingAnExistingRoomFailsAndKeepsTheOriginal() {
    store.createRoom(room("r1"));
    RoomRecord impostor = new RoomRecord("r1", KeyHashes.ofKeys("a", "b", "c"), T0.plusSeconds(1));
    assertThatThrownBy(() -> store.createRoom(impostor)).isInstanceOf(RoomExistsException.class);
    assertThat(store.findRoom("r1")).contains(room("r1"));
  }

  @Test
  void replacingKeysRotatesThemAndKeepsTheRest() {
    store.createRoom(room("r1"));
    store.createRoom(room("r2"));
    KeyHashes rotated = KeyHashes.ofKeys("e2", "v2", "a2");
    store.replaceKeys("r1", rotated);
    assertThat(store.findRoom("r1")).contains(new RoomRecord("r1", rotated, T0));
    assertThat(store.findRoom("r1").orElseThrow().keys().roleOf("edit-r1")).isNull();
    assertThat(store.findRoom("r1").orElseThrow().keys().roleOf("a2"))
        .isEqualTo(dev.tandem.protocol.Role.ADMIN);
    assertThat(store.findRoom("r2")).contains(room("r2"));
  }

  @Test
  void replacingKeysOfAnUnknownRoomFails() {
    assertThatThrownBy(() -> store.replaceKeys("nope", KeyHashes.ofKeys("a", "b", "c")))
        .isInstanceOf(UnknownRoomException.class);
  }

  // ---- ops ----------------------------------------------------------------------------------

  @Test
  void appendedOpsReadBackEqualInAnyRange() throws Exception {
    store.createRoom(room("r1"));
    await(store.append("r1", ops(1, 3, "c1")));
    await(store.append("r1", ops(4, 6, "c1")));

    assertThat(store.ops("r1", 0, 6)).isEqualTo(ops(1, 6, "c1"));
    assertThat(store.ops("r1", 2, 4)).isEqualTo(ops(3, 4, "c1"));
    assertThat(store.ops("r1", 4, 100)).isEqualTo(ops(5, 6, "c1"));
    assertThat(store.ops("r1", 6, 6)).isEmpty();
    assertThat(store.ops("r1", 9, 12)).isEmpty();
    assertThat(store.ops("unknown", 0, 10)).isEmpty();
  }

  @Test
  void opsRejectsAnInvertedOrNegativeRange() {
    store.createRoom(room("r1"));
    assertThatThrownBy(() -> store.ops("r1", 5, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.ops("r1", -1, 4)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void headRevisionFollowsAppends() throws Exception {
    assertThat(store.headRevision("r1")).isZero();
    store.createRoom(room("r1"));
    assertThat(store.headRevision("r1")).isZero();
    await(store.append("r1", List.of()));
    assertThat(store.headRevision("r1")).isZero();
    await(store.append("r1", ops(1, 4, "c1")));
    assertThat(store.headRevision("r1")).isEqualTo(4);
  }

  @Test
  void appendingToAnUnknownRoomFails() {
    awaitFailure(store.append("nope", ops(1, 1, "c1")), UnknownRoomException.class);
    assertThat(store.headRevision("nope")).isZero();
  }

  @Test
  void aGapIsRefusedAndNothingOfTheBatchIsStored() throws Exception {
    createWithOps("r1", 2);
    RevisionConflictException e =
        awaitFailure(store.append("r1", ops(4, 5, "c1")), RevisionConflictException.class);
    assertThat(e.expectedRev()).isEqualTo(3);
    assertThat(e.actualRev()).isEqualTo(4);

    List<StoredOp> holey = List.of(op(3, "c1", 3), op(5, "c1", 5));
    awaitFailure(store.append("r1", holey), RevisionConflictException.class);

    assertThat(store.headRevision("r1")).isEqualTo(2);
    assertThat(store.ops("r1", 0, 10)).isEqualTo(ops(1, 2, "c1"));
  }

  @Test
  void aDuplicateRevIsRefusedAndNothingOfTheBatchIsStored() throws Exception {
    createWithOps("r1", 2);
    List<StoredOp> overlapping = List.of(op(2, "c2", 1), op(3, "c2", 2));
    RevisionConflictException e =
        awaitFailure(store.append("r1", overlapping), RevisionConflictException.class);
    assertThat(e.expectedRev()).isEqualTo(3);
    assertThat(e.actualRev()).isEqualTo(2);

    List<StoredOp> repeated = List.of(op(3, "c2", 1), op(3, "c2", 2));
    awaitFailure(store.append("r1", repeated), RevisionConflictException.class);

    assertThat(store.ops("r1", 0, 10)).isEqualTo(ops(1, 2, "c1"));
    assertThat(store.committedRevision("r1", "c2", 1)).isEmpty();
  }

  @Test
  void aDuplicateClientSeqIsRefusedAndNothingOfTheBatchIsStored() throws Exception {
    createWithOps("r1", 2); // c1 seq 1 and 2
    List<StoredOp> batch = List.of(op(3, "c2", 7), op(4, "c1", 2));
    DuplicateOpException e = awaitFailure(store.append("r1", batch), DuplicateOpException.class);
    assertThat(e.clientId()).isEqualTo("c1");
    assertThat(e.seq()).isEqualTo(2);
    assertThat(e.committedRev()).isEqualTo(2);

    List<StoredOp> selfDuplicate = List.of(op(3, "c2", 7), op(4, "c2", 7));
    awaitFailure(store.append("r1", selfDuplicate), DuplicateOpException.class);

    assertThat(store.headRevision("r1")).isEqualTo(2);
    assertThat(store.committedRevision("r1", "c2", 7)).isEmpty();
  }

  @Test
  void aSeqBelowTheClientsLastThatWasNeverCommittedIsRefusedAsSpent() throws Exception {
    store.createRoom(room("r1"));
    await(store.append("r1", List.of(op(1, "a", 5), op(2, "b", 1))));
    SpentSeqException e = awaitFailure(store.append("r1", List.of(op(3, "b", 2), op(4, "a", 4))),
        SpentSeqException.class);
    assertThat(e.clientId()).isEqualTo("a");
    assertThat(e.seq()).isEqualTo(4);
    assertThat(e.lastSeq()).isEqualTo(5);
    // within one batch too: seqs must increase
    awaitFailure(store.append("r1", List.of(op(3, "b", 9), op(4, "b", 8))), SpentSeqException.class);
    // the committed one is a duplicate (with its rev), not spent
    DuplicateOpException d = awaitFailure(store.append("r1", List.of(op(3, "a", 5))), DuplicateOpException.class);
    assertThat(d.committedRev()).isEqualTo(1);

    assertThat(store.headRevision("r1")).isEqualTo(2);
    assertThat(store.lastCommitted("r1", "b")).contains(new ClientSeq(1, 2));
    await(store.append("r1", List.of(op(3, "a", 6), op(4, "b", 2))));
    assertThat(store.lastCommitted("r1", "a")).contains(new ClientSeq(6, 3));
  }

  @Test
  void aRefusedAppendDoesNotPoisonLaterOnes() throws Exception {
    createWithOps("r1", 2);
    awaitFailure(store.append("r1", ops(5, 5, "c1")), RevisionConflictException.class);
    await(store.append("r1", ops(3, 3, "c1")));
    assertThat(store.ops("r1", 0, 10)).isEqualTo(ops(1, 3, "c1"));
  }

  @Test
  void committedRevisionFindsOpsByClientAndSeqPerRoom() throws Exception {
    store.createRoom(room("r1"));
    store.createRoom(room("r2"));
    await(store.append("r1", List.of(op(1, "a", 10), op(2, "b", 10), op(3, "a", 11))));
    await(store.append("r2", List.of(op(1, "a", 11))));

    assertThat(store.committedRevision("r1", "a", 10)).isEqualTo(OptionalLong.of(1));
    assertThat(store.committedRevision("r1", "b", 10)).isEqualTo(OptionalLong.of(2));
    assertThat(store.committedRevision("r1", "a", 11)).isEqualTo(OptionalLong.of(3));
    assertThat(store.committedRevision("r2", "a", 11)).isEqualTo(OptionalLong.of(1));
    assertThat(store.committedRevision("r1", "a", 12)).isEmpty();
    assertThat(store.committedRevision("r2", "b", 10)).isEmpty();
    assertThat(store.committedRevision("unknown", "a", 10)).isEmpty();

    // An older op far back, behind other clients' ops, and a skipped seq.
    List<StoredOp> more = new ArrayList<>();
    for (long rev = 4; rev <= 300; rev++) {
      more.add(op(rev, "b", 7 + rev));
    }
    more.add(op(301, "a", 20));
    await(store.append("r1", more));
    assertThat(store.committedRevision("r1", "a", 10)).isEqualTo(OptionalLong.of(1));
    assertThat(store.committedRevision("r1", "a", 11)).isEqualTo(OptionalLong.of(3));
    assertThat(store.committedRevision("r1", "a", 15)).isEmpty();
    assertThat(store.committedRevision("r1", "a", 20)).isEqualTo(OptionalLong.of(301));
    assertThat(store.committedRevision("r1", "b", 150)).isEqualTo(OptionalLong.of(143));
    assertThat(store.committedRevision("r1", "b", 9)).isEmpty();
    for (long seq = 11; seq <= 307; seq++) {
      assertThat(store.committedRevision("r1", "b", seq)).as("b seq %d", seq).isEqualTo(OptionalLong.of(seq - 7));
    }
    for (long seq : new long[] {0, 1, 9, 12 + 1_000, Long.MAX_VALUE}) {
      if (seq > 307 || seq < 10) {
        assertThat(store.committedRevision("r1", "b", seq)).as("b seq %d", seq).isEmpty();
      }
    }
  }

  @Test
  void lastCommittedIsTheClientsHighestSeqWithItsRevPerRoom() throws Exception {
    store.createRoom(room("r1"));
    store.createRoom(room("r2"));
    assertThat(store.lastCommitted("r1", "a")).isEmpty();
    // Gaps in seqs are allowed; the highest seq is the answer, not the latest rev of another client.
    await(store.append("r1", List.of(op(1, "a", 3), op(2, "b", 40), op(3, "a", 9), op(4, "b", 41))));
    await(store.append("r2", List.of(op(1, "a", 100))));

    assertThat(store.lastCommitted("r1", "a")).contains(new ClientSeq(9, 3));
    assertThat(store.lastCommitted("r1", "b")).contains(new ClientSeq(41, 4));
    assertThat(store.lastCommitted("r2", "a")).contains(new ClientSeq(100, 1));
    assertThat(store.lastCommitted("r2", "b")).isEmpty();
    assertThat(store.lastCommitted("unknown", "a")).isEmpty();

    await(store.append("r1", List.of(op(5, "a", 10))));
    assertThat(store.lastCommitted("r1", "a")).contains(new ClientSeq(10, 5));
  }

  @Test
  void aRefusedAppendDoesNotMoveLastCommitted() throws Exception {
    store.createRoom(room("r1"));
    await(store.append("r1", List.of(op(1, "a", 5))));
    // a higher seq in a batch that is refused for its gap leaves no trace
    awaitFailure(store.append("r1", List.of(op(2, "a", 6), op(4, "a", 7))), RevisionConflictException.class);
    assertThat(store.lastCommitted("r1", "a")).contains(new ClientSeq(5, 1));
  }

  @Test
  void appendsSubmittedWithoutWaitingAreCommittedInOrder() throws Exception {
    store.createRoom(room("r1"));
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    for (long rev = 1; rev <= 40; rev++) {
      pending.add(store.append("r1", List.of(op(rev, "c1", rev))));
    }
    for (CompletableFuture<Void> f : pending) {
      await(f);
    }
    assertThat(store.ops("r1", 0, 100)).isEqualTo(ops(1, 40, "c1"));
  }

  @Test
  void manyRoomThreadsAppendingAtOnceAreAllStoredInOrder() throws Exception {
    int rooms = 8;
    int appendsPerRoom = 60;
    for (int r = 0; r < rooms; r++) {
      store.createRoom(room("room-" + r));
    }
    Map<String, List<StoredOp>> expected = new HashMap<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(rooms)) {
      List<Future<?>> workers = new ArrayList<>();
      for (int r = 0; r < rooms; r++) {
        String roomId = "room-" + r;
        List<StoredOp> all = new ArrayList<>();
        expected.put(roomId, all);
        workers.add(pool.submit(() -> {
          // Like a Room: the next batch goes out before the previous one is durable.
          List<CompletableFuture<Void>> pending = new ArrayList<>();
          long rev = 1;
          for (int i = 0; i < appendsPerRoom; i++) {
            int size = 1 + i % 3;
            List<StoredOp> batch = ops(rev, rev + size - 1, "client-of-" + roomId);
            all.addAll(batch);
            rev += size;
            pending.add(store.append(roomId, batch));
          }
          for (CompletableFuture<Void> f : pending) {
            await(f);
          }
          return null;
        }));
      }
      for (Future<?> w : workers) {
        w.get(60, TimeUnit.SECONDS);
      }
    }
    for (var e : expected.entrySet()) {
      assertThat(store.ops(e.getKey(), 0, Long.MAX_VALUE)).isEqualTo(e.getValue());
      assertThat(store.headRevision(e.getKey())).isEqualTo(e.getValue().size());
    }
  }

  // ---- snapshots ----------------------------------------------------------------------------

  @Test
  void theSnapshotWithTheHighestRevIsTheLatest() throws Exception {
    store.createRoom(room("r1"));
    assertThat(store.latestSnapshot("r1")).isEmpty();

    Delta at5 = Delta.builder().insert("five", Attributes.of("bold", true)).insert("\n").build();
    Delta at10 = Delta.document("ten\n");
    await(store.saveSnapshot("r1", 5, at5));
    assertThat(store.latestSnapshot("r1")).contains(new Snapshot(5, at5));
    await(store.saveSnapshot("r1", 10, at10));
    assertThat(store.latestSnapshot("r1")).contains(new Snapshot(10, at10));
    await(store.saveSnapshot("r1", 7, Delta.document("seven\n")));
    assertThat(store.latestSnapshot("r1")).contains(new Snapshot(10, at10));

    Delta again = Delta.document("ten again\n");
    await(store.saveSnapshot("r1", 10, again));
    assertThat(store.latestSnapshot("r1")).contains(new Snapshot(10, again));
    assertThat(store.latestSnapshot("unknown")).isEmpty();
  }

  @Test
  void aSnapshotSavedInCompactFormReadsBackAsTheSameDocument() throws Exception {
    store.createRoom(room("r1"));
    Delta.Builder b = Delta.builder();
    for (int i = 0; i < 500; i++) {
      b.insert("w" + i, Attributes.of("author", "a" + (i % 3))).insert(" ", Attributes.of("bold", true));
    }
    Delta document = b.insert("\n", Attributes.of("header", 1L)).build();
    await(store.saveSnapshot("r1", 12, dev.tandem.ot.DocumentRuns.of(document)));
    assertThat(store.latestSnapshot("r1")).contains(new Snapshot(12, document));
    awaitFailure(store.saveSnapshot("nope", 1, dev.tandem.ot.DocumentRuns.of(Delta.document("x\n"))),
        UnknownRoomException.class);
  }

  @Test
  void aSnapshotMustBeADocumentOfAKnownRoom() {
    store.createRoom(room("r1"));
    Delta change = Delta.builder().retain(2).insert("x").build();
    assertThatThrownBy(() -> store.saveSnapshot("r1", 1, change))
        .isInstanceOf(IllegalArgumentException.class);
    awaitFailure(store.saveSnapshot("nope", 1, Delta.document("x")), UnknownRoomException.class);
  }

  // ---- chat ---------------------------------------------------------------------------------

  protected static ChatRecord chat(int n) {
    return new ChatRecord("m" + n, "c" + n % 2, "User " + n, "#00aa0" + n % 10, "hello " + n,
        T0.plusMillis(n));
  }

  @Test
  void recentChatIsTheLastMessagesOldestFirst() throws Exception {
    store.createRoom(room("r1"));
    store.createRoom(room("r2"));
    for (int n = 1; n <= 5; n++) {
      await(store.appendChat("r1", chat(n)));
    }
    await(store.appendChat("r2", chat(99)));

    assertThat(store.recentChat("r1", 3)).containsExactly(chat(3), chat(4), chat(5));
    assertThat(store.recentChat("r1", 50)).containsExactly(chat(1), chat(2), chat(3), chat(4),
        chat(5));
    assertThat(store.recentChat("r1", 0)).isEmpty();
    assertThat(store.recentChat("r2", 10)).containsExactly(chat(99));
    assertThat(store.recentChat("unknown", 10)).isEmpty();
  }

  @Test
  void chatKeepsAppendOrderNotTimeOrderAndIgnoresResends() throws Exception {
    store.createRoom(room("r1"));
    await(store.appendChat("r1", chat(9)));
    await(store.appendChat("r1", chat(2)));
    await(store.appendChat("r1", chat(9)));
    assertThat(store.recentChat("r1", 10)).containsExactly(chat(9), chat(2));
  }

  @Test
  void chatToAnUnknownRoomFails() {
    awaitFailure(store.appendChat("nope", chat(1)), UnknownRoomException.class);
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  @Test
  void aClosedStoreRefusesWorkAndClosesTwiceQuietly() {
    store.createRoom(room("r1"));
    store.close();
    store.close();
    awaitFailure(store.append("r1", ops(1, 1, "c1")), StorageFailedException.class);
    assertThatThrownBy(() -> store.findRoom("r1")).isInstanceOf(StorageFailedException.class);
  }
}
