package dev.tandem.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Delta;
import dev.tandem.server.RoomServer;
import dev.tandem.server.room.RoomConfig;
import dev.tandem.server.room.RoomCreator.NewRoom;
import dev.tandem.server.store.RoomStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A room has at most one snapshot in flight: while the store has not yet finished the last one,
 * a room that keeps editing asks for no other (each would be one more copy of the document held
 * in memory, a queue without bound when edits outpace snapshot writes), and once it has, the next
 * due snapshot is taken at the next durable batch.
 */
class OneSnapshotInFlightTest {
  static final int EVERY = 4;

  @TempDir Path data;

  /** Snapshot saves after the room's creation (rev > 0) are recorded and held until released. */
  static final class HeldSnapshotsStore extends ForwardingStore {
    final List<Long> askedRevs = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> gate = new CompletableFuture<>();

    HeldSnapshotsStore(RoomStore store) {
      super(store);
    }

    void release() {
      gate.complete(null);
    }

    @Override
    public CompletableFuture<Void> saveSnapshot(String roomId, long rev, Delta document) {
      if (rev == 0) {
        return store.saveSnapshot(roomId, rev, document); // the room's creation
      }
      askedRevs.add(rev);
      return gate.thenCompose(open -> store.saveSnapshot(roomId, rev, document));
    }
  }

  @Test
  void aDueSnapshotWaitsUntilTheOneInFlightIsStored() throws Exception {
    RoomConfig rooms = RoomConfig.DEFAULTS.withLimits(RunningServer.TEST_LIMITS).withSnapshotEvery(EVERY);
    AtomicReference<HeldSnapshotsStore> held = new AtomicReference<>();
    try (RoomServer server = RoomServer.start(RunningServer.config(data).rooms(rooms).build(),
        store -> { held.set(new HeldSnapshotsStore(store)); return held.get(); })) {
      HeldSnapshotsStore store = held.get();
      NewRoom room = server.createRoom();
      try (TestClient a = TestClient.connect(server.port(), room.id())) {
        a.hello(room.id(), room.editKey());
        // Three times the longest interval (10 × EVERY: the interval stretches with a snapshot's
        // measured cost), one op per batch: at least three more snapshots due while the first is held.
        int typed = 30 * EVERY;
        a.typeAcked("x", 0, typed);
        // A snapshot is asked for on the snapshot thread after its batch's fan-out: one more acked
        // op behind the last one due lets any that were going to be asked for reach the store.
        a.typeAcked("x", typed, typed + 1);
        awaitAtLeast(store, 1);
        Thread.sleep(300); // absence: time for a wrongly asked second one to show
        assertThat(store.askedRevs).as("snapshots asked for while the first is not stored").containsExactly((long) EVERY);

        store.release();
        a.typeAcked("x", typed + 1, typed + 2 + 10 * EVERY); // due at the latest after 10 × EVERY more
        awaitAtLeast(store, 2);
        assertThat(store.askedRevs.get(1)).as("the next one is of the document after the release")
            .isGreaterThan((long) typed);
      }
    }
  }

  /**
   * The first snapshot after the room's creation throws an {@link Error} on the snapshot thread (the
   * heap running out while it is encoded: a snapshot is O(document)); later ones are recorded and
   * stored.
   */
  static final class FirstSnapshotErrorStore extends ForwardingStore {
    final List<Long> askedRevs = new CopyOnWriteArrayList<>();

    FirstSnapshotErrorStore(RoomStore store) {
      super(store);
    }

    @Override
    public CompletableFuture<Void> saveSnapshot(String roomId, long rev, Delta document) {
      if (rev == 0) {
        return store.saveSnapshot(roomId, rev, document); // the room's creation
      }
      askedRevs.add(rev);
      if (askedRevs.size() == 1) {
        throw new OutOfMemoryError("test: the heap ran out while encoding the snapshot at rev " + rev);
      }
      return store.saveSnapshot(roomId, rev, document);
    }
  }

  @Test
  void aSnapshotThatThrowsAnErrorDoesNotStopTheNextOnes() throws Exception {
    RoomConfig rooms = RoomConfig.DEFAULTS.withLimits(RunningServer.TEST_LIMITS).withSnapshotEvery(EVERY);
    AtomicReference<FirstSnapshotErrorStore> held = new AtomicReference<>();
    try (RoomServer server = RoomServer.start(RunningServer.config(data).rooms(rooms).build(),
        store -> { held.set(new FirstSnapshotErrorStore(store)); return held.get(); })) {
      FirstSnapshotErrorStore store = held.get();
      NewRoom room = server.createRoom();
      try (TestClient a = TestClient.connect(server.port(), room.id())) {
        a.hello(room.id(), room.editKey());
        int typed = 2 * EVERY;
        a.typeAcked("x", 0, typed);
        awaitAtLeast(store.askedRevs, 1);
        // The failed snapshot never reported its cost: the interval stays EVERY. Ten intervals more
        // leave room for the snapshot thread to finish failing before the next one is due.
        a.typeAcked("x", typed, typed + 10 * EVERY);
        awaitAtLeast(store.askedRevs, 2);
        assertThat(store.askedRevs.get(1)).as("a snapshot after the one that failed").isGreaterThan((long) EVERY);
      }
    }
  }

  private static void awaitAtLeast(HeldSnapshotsStore store, int count) throws InterruptedException {
    awaitAtLeast(store.askedRevs, count);
  }

  private static void awaitAtLeast(List<Long> askedRevs, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TestClient.WAIT.toNanos();
    while (askedRevs.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("fewer than " + count + " snapshots asked for within " + TestClient.WAIT + ": " + askedRevs);
      }
      Thread.sleep(10);
    }
  }
}
