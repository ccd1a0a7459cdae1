package dev.tandem.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.server.store.ChatRecord;
import dev.tandem.server.store.CommitStats;
import dev.tandem.server.store.KeyHashes;
import dev.tandem.server.store.RevisionConflictException;
import dev.tandem.server.store.RoomRecord;
import dev.tandem.server.store.Snapshot;
import dev.tandem.server.store.StorageFailedException;
import dev.tandem.server.store.StoredOp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only a file-backed store can show: persistence, group commit, file ownership. */
class SqliteRoomStoreTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:15:30.123456789Z");

  @TempDir Path dataDirectory;

  private static RoomRecord room(String id) {
    return new RoomRecord(id, KeyHashes.ofKeys("e" + id, "v" + id, "a" + id), T0);
  }

  private static StoredOp op(long rev, String clientId) {
    Delta delta = Delta.builder().retain((int) rev).insert("é" + rev, Attributes.of("bold", true))
        .build();
    return new StoredOp(rev, clientId, rev, delta, "Ada", T0.plusNanos(rev));
  }

  private static List<StoredOp> ops(long from, long to, String clientId) {
    return LongStream.rangeClosed(from, to).mapToObj(r -> op(r, clientId)).toList();
  }

  private static void await(CompletableFuture<?> f) throws Exception {
    f.get(30, TimeUnit.SECONDS);
  }

  @Test
  void everythingSurvivesClosingAndReopening() throws Exception {
    KeyHashes rotated = KeyHashes.ofKeys("e2", "v2", "a2");
    ChatRecord hello = new ChatRecord("m1", "c1", "Ada", "#112233", "hello", T0);
    Delta document = Delta.document("hello world\n");
    try (SqliteRoomStore store = SqliteRoomStore.open(dataDirectory)) {
      store.createRoom(room("r1"));
      store.replaceKeys("r1", rotated);
      await(store.append("r1", ops(1, 5, "c1")));
      await(store.saveSnapshot("r1", 5, document));
      await(store.appendChat("r1", hello));
    }

    try (SqliteRoomStore store = SqliteRoomStore.open(dataDirectory)) {
      assertThat(store.findRoom("r1")).contains(new RoomRecord("r1", rotated, T0));
      assertThat(store.ops("r1", 0, 100)).isEqualTo(ops(1, 5, "c1"));
      assertThat(store.headRevision("r1")).isEqualTo(5);
      assertThat(store.committedRevision("r1", "c1", 3)).isEqualTo(OptionalLong.of(3));
      assertThat(store.latestSnapshot("r1")).contains(new Snapshot(5, document));
      assertThat(store.recentChat("r1", 10)).containsExactly(hello);

      await(store.append("r1", ops(6, 6, "c1")));
      assertThat(store.headRevision("r1")).isEqualTo(6);
    }
  }

  /**
   * Holds the writer thread inside the listener after one commit, so that everything submitted
   * meanwhile is queued; releasing it must put all of that into one transaction. A count, not a
   * timing: without group commit there would be one transaction per append.
   */
  @Test
  void appendsSubmittedConcurrentlyWhileATransactionIsInFlightShareTheNextOne() throws Exception {
    WriterGate gate = WriterGate.atFirstAppendOnceArmed();
    int threads = 50;
    try (SqliteRoomStore store = SqliteRoomStore.open(dataDirectory,
        SqliteRoomStore.Options.defaults().withListener(gate))) {
      for (int r = 0; r < threads; r++) {
        store.createRoom(room("room-" + r));
      }
      store.createRoom(room("opener"));
      long commitsBefore = store.commitCount();
      long opsBefore = store.commitStats().ops();

      gate.armed = true;
      CompletableFuture<Void> opener = store.append("opener", ops(1, 1, "c"));
      assertThat(gate.entered.await(30, TimeUnit.SECONDS)).isTrue();

      List<CompletableFuture<Void>> appends = new ArrayList<>();
      CountDownLatch start = new CountDownLatch(1);
      try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
        List<Future<CompletableFuture<Void>>> submitted = new ArrayList<>();
        for (int r = 0; r < threads; r++) {
          String roomId = "room-" + r;
          submitted.add(pool.submit(() -> {
            start.await();
            return store.append(roomId, ops(1, 2, "c"));
          }));
        }
        start.countDown();
        for (Future<CompletableFuture<Void>> s : submitted) {
          appends.add(s.get(30, TimeUnit.SECONDS)); // returned: queued, not yet committed
        }
      }
      assertThat(appends).noneMatch(CompletableFuture::isDone);
      gate.release.countDown();

      await(opener);
      for (CompletableFuture<Void> f : appends) {
        await(f);
      }
      CommitStats stats = store.commitStats();
      assertThat(store.commitCount() - commitsBefore).isEqualTo(2).isLessThan(threads + 1);
      assertThat(stats.largestBatch()).isEqualTo(threads);
      // Stats are updated before futures complete (the listener only after), so they are exact here.
      assertThat(stats.ops() - opsBefore).isEqualTo(1 + 2L * threads);
      for (int r = 0; r < threads; r++) {
        assertThat(store.ops("room-" + r, 0, 10)).isEqualTo(ops(1, 2, "c"));
      }
    }
  }

  @Test
  void aBatchOfMoreRowsThanOneStatementTakesIsWrittenWhole() throws Exception {
    // 75 ops of three interleaved clients: three multi-row INSERTs (32 + 32 + 11 rows).
    assertThat(SqliteWrites.ROWS_PER_STATEMENT).isLessThan(75);
    List<StoredOp> batch = new ArrayList<>();
    long[] seqs = new long[3];
    for (long rev = 1; rev <= 75; rev++) {
      int client = (int) (rev * 7 % 3);
      Delta delta = Delta.builder().retain((int) rev - 1).insert("x" + rev).build();
      batch.add(new StoredOp(rev, "c" + client, ++seqs[client] * 10, delta, "Ada", T0.plusNanos(rev)));
    }
    try (SqliteRoomStore store = SqliteRoomStore.open(dataDirectory)) {
      store.createRoom(room("r"));
      await(store.append("r", batch));
      assertThat(store.headRevision("r")).isEqualTo(75);
    }
    try (SqliteRoomStore store = SqliteRoomStore.open(dataDirectory)) {
      assertThat(store.ops("r", 0, 100)).isEqualTo(batch);
      for (StoredOp op : batch) {
        assertThat(store.committedRevision("r", op.clientId(), op.seq())).as("rev of %s/%d", op.clientId(), op.seq())
            .isEqualTo(OptionalLong.of(op.rev()));
        assertThat(store.committedRevision("r", op.clientId(), op.seq() + 1)).isEmpty();
      }
      // Every client's row moved to its last op: its next op is accepted, a resend is a duplicate.
      await(store.append("r", List.of(new StoredOp(76, "c0", seqs[0] * 10 + 10,
          Delta.builder().retain(75).insert("y").build(), "Ada", T0))));
      assertThatThrownBy(() -> store.append("r", List.of(new StoredOp(77, "c1", seqs[1] * 10,
          Delta.builder().retain(76).insert("z").build(), "Ada", T0))).get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(dev.tandem.server.store.DuplicateOpException.class);
    }
  }

  @Test
  void aRefusedAppendFailsAloneInsideAGroupTransaction() throws Exception {
    WriterGate gate = WriterGate.atFirstAppendOnceArmed();
    try (SqliteRoomStore store = SqliteRoomStore.open(dataDirectory,
        SqliteRoomStore.Options.defaults().withListener(gate))) {
      for (String id : List.of("a", "b", "c", "opener")) {
        store.createRoom(room(id));
      }
      long commitsBefore = store.commitCount();
      gate.armed = true;
      CompletableFuture<Void> opener = store.append("opener", ops(1, 1, "x"));
      assertThat(gate.entered.await(30, TimeUnit.SECONDS)).isTrue();

      CompletableFuture<Void> a = store.append("a", ops(1, 3, "x"));
      CompletableFuture<Void> gap = store.append("b", ops(2, 3, "x"));
      CompletableFuture<Void> c = store.append("c", ops(1, 1, "x"));
      gate.release.countDown();

      await(opener);
      await(a);
      await(c);
      assertThatThrownBy(() -> gap.get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(RevisionConflictException.class);
      assertThat(store.commitCount() - commitsBefore).isEqualTo(2);
      assertThat(store.commitStats().refusedWrites()).isEqualTo(1);
      assertThat(store.ops("a", 0, 10)).isEqualTo(ops(1, 3, "x"));
      assertThat(store.ops("b", 0, 10)).isEmpty();
      assertThat(store.ops("c", 0, 10)).isEqualTo(ops(1, 1, "x"));
    }
  }

  @Test
  void aSecondStoreOnTheSameDirectoryIsRefusedUntilTheFirstCloses() {
    try (SqliteRoomStore first = SqliteRoomStore.open(dataDirectory)) {
      first.createRoom(room("r1"));
      assertThatThrownBy(() -> SqliteRoomStore.open(dataDirectory))
          .isInstanceOf(StorageFailedException.class)
          .hasMessageContaining("in use")
          .extracting(e -> ((StorageFailedException) e).reason()).isEqualTo(StorageFailedException.Reason.IN_USE);
    }
    try (SqliteRoomStore second = SqliteRoomStore.open(dataDirectory)) {
      assertThat(second.findRoom("r1")).isPresent();
    }
  }

  @Test
  void aDatabaseWithANewerSchemaIsRefused() throws Exception {
    SqliteRoomStore.open(dataDirectory).close();
    Path file = dataDirectory.resolve(SqliteRoomStore.FILE_NAME);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE schema_version SET version = 99");
    }
    assertThatThrownBy(() -> SqliteRoomStore.open(dataDirectory))
        .isInstanceOf(StorageFailedException.class)
        .hasMessageContaining("99")
        .extracting(e -> ((StorageFailedException) e).reason()).isEqualTo(StorageFailedException.Reason.NEWER_SCHEMA);
    assertThat(Files.exists(file)).isTrue();
  }

  @Test
  void theDatabaseIsInWalModeWithSynchronousFull() throws Exception {
    SqliteRoomStore.open(dataDirectory).close();
    try (Connection c = SqliteSchema.openWriter(dataDirectory.resolve(SqliteRoomStore.FILE_NAME));
        Statement s = c.createStatement()) {
      var journal = s.executeQuery("PRAGMA journal_mode");
      journal.next();
      assertThat(journal.getString(1)).isEqualToIgnoringCase("wal");
      var sync = s.executeQuery("PRAGMA synchronous");
      sync.next();
      assertThat(sync.getInt(1)).isEqualTo(2); // FULL
    }
  }
}
