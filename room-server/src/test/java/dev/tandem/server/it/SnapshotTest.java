package dev.tandem.server.it;

import static dev.tandem.server.it.Edits.insert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.server.RoomServer;
import dev.tandem.server.room.RoomConfig;
import dev.tandem.server.room.RoomCreator.NewRoom;
import dev.tandem.server.store.RoomStore;
import dev.tandem.server.store.Snapshot;
import dev.tandem.server.store.StoredOp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots (RoomConfig.snapshotEvery, {@code --snapshot-every}): a room writes one after every
 * {@code N} to {@code 10 × N} ops (the interval stretches by measured cost, never beyond 10×), and
 * activating the room loads the latest snapshot plus only the ops after it, never the whole
 * history. Ops are sent one at a time (each batch is one op), so the bound is exact.
 */
class SnapshotTest {
  static final int EVERY = 4;
  static final int OPS = 120;

  @TempDir Path data;

  /** Records snapshot saves (once durable) and what each activation's load read. */
  static final class RecordingStore extends ForwardingStore {
    final List<Long> savedRevs = new CopyOnWriteArrayList<>();
    final AtomicLong lastLatestSnapshotRev = new AtomicLong(-1);
    final AtomicReference<long[]> lastOpsRead = new AtomicReference<>();

    RecordingStore(RoomStore store) {
      super(store);
    }

    @Override
    public CompletableFuture<Void> saveSnapshot(String roomId, long rev, Delta document) {
      return store.saveSnapshot(roomId, rev, document).thenRun(() -> savedRevs.add(rev));
    }

    @Override
    public Optional<Snapshot> latestSnapshot(String roomId) {
      Optional<Snapshot> latest = store.latestSnapshot(roomId);
      lastLatestSnapshotRev.set(latest.map(Snapshot::rev).orElse(0L));
      return latest;
    }

    @Override
    public List<StoredOp> ops(String roomId, long afterRev, long upTo) {
      List<StoredOp> read = store.ops(roomId, afterRev, upTo);
      lastOpsRead.set(new long[] {afterRev, upTo, read.size()});
      return read;
    }
  }

  @Test
  void snapshotsEveryNToTenNOpsAndActivationReadsOnlyTheTail() throws Exception {
    RoomConfig rooms = RoomConfig.DEFAULTS.withLimits(RunningServer.TEST_LIMITS)
        .withSnapshotEvery(EVERY).withHibernateAfter(Duration.ofMillis(300));
    AtomicReference<RecordingStore> recording = new AtomicReference<>();
    try (RoomServer server = RoomServer.start(RunningServer.config(data).rooms(rooms).build(),
        store -> { recording.set(new RecordingStore(store)); return recording.get(); })) {
      RecordingStore store = recording.get();
      NewRoom room = server.createRoom();
      StringBuilder text = new StringBuilder();
      try (TestClient a = TestClient.connect(server.port(), room.id())) {
        a.hello(room.id(), room.editKey());
        for (int i = 1; i <= OPS; i++) {
          String word = (i % 10) + "";
          a.op(i - 1, i, insert(text.length(), word, a.clientId));
          assertThat(a.next(ServerMessage.Ack.class).rev()).isEqualTo(i);
          text.append(word);
        }
        // Every snapshot up to head − 10N was asked for; wait until the storage has them.
        long mustHave = OPS - 10L * EVERY;
        awaitCondition(() -> !store.savedRevs.isEmpty() && store.savedRevs.getLast() >= mustHave,
            "a snapshot at rev >= " + mustHave + ", saved: " + store.savedRevs);
        List<Long> saved = List.copyOf(store.savedRevs);
        long previous = 0;
        for (long rev : saved) {
          assertThat(rev - previous).as("ops between snapshots, saved at %s", saved).isBetween((long) EVERY, 10L * EVERY);
          previous = rev;
        }

        RunningServer.awaitMetric(server, "tandem_rooms_hibernated", 1.0);
      }

      // Reactivation: the latest snapshot plus the ops after it.
      try (TestClient b = TestClient.connect(server.port(), room.id())) {
        ServerMessage.Welcome welcome = b.hello(room.id(), room.viewKey());
        assertThat(welcome.rev()).isEqualTo(OPS);
        assertThat(welcome.doc().orElseThrow().plainText()).isEqualTo(text + "\n");
        long snapshotRev = store.lastLatestSnapshotRev.get();
        long[] read = store.lastOpsRead.get();
        assertThat(snapshotRev).as("the load started from a snapshot").isGreaterThanOrEqualTo(OPS - 10L * EVERY);
        assertThat(read).as("ops read on activation: after, upTo, count").containsExactly(snapshotRev, OPS, OPS - snapshotRev);
        assertThat(read[2]).as("not the whole history").isLessThanOrEqualTo(10L * EVERY);
      }
    }
  }

  private static void awaitCondition(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TestClient.WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + what + " within " + TestClient.WAIT);
      }
      Thread.sleep(20);
    }
  }
}
