package dev.tandem.server.it;

import dev.tandem.ot.Delta;
import dev.tandem.server.store.ChatRecord;
import dev.tandem.server.store.ClientSeq;
import dev.tandem.server.store.KeyHashes;
import dev.tandem.server.store.RoomRecord;
import dev.tandem.server.store.RoomStore;
import dev.tandem.server.store.Snapshot;
import dev.tandem.server.store.StoredOp;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real store whose {@link #ops} reads wait while the gate is closed, so a test can hold a read
 * in the middle and see what the server does meanwhile. Everything else passes straight through.
 */
final class HeldReadsStore implements RoomStore {
  private final RoomStore store;
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private final CountDownLatch readHeld = new CountDownLatch(1);
  /** Name of the thread of the first held read. */
  volatile String heldOn;

  HeldReadsStore(RoomStore store) {
    this.store = store;
  }

  /** Makes the next {@link #ops} calls wait until {@link #release}. */
  void hold() {
    gate = new CountDownLatch(1);
  }

  void release() {
    gate.countDown();
  }

  /** Waits until a read is being held. */
  void awaitHeldRead() throws InterruptedException {
    if (!readHeld.await(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("no storage read was made within " + TestClient.WAIT);
    }
  }

  @Override
  public List<StoredOp> ops(String roomId, long afterRev, long upToRevInclusive) {
    CountDownLatch g = gate;
    if (g.getCount() > 0) {
      heldOn = Thread.currentThread().getName();
      readHeld.countDown();
      try {
        if (!g.await(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new AssertionError("the test never released the read");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return store.ops(roomId, afterRev, upToRevInclusive);
  }

  @Override public void createRoom(RoomRecord room) {
    store.createRoom(room);
  }

  @Override public Optional<RoomRecord> findRoom(String roomId) {
    return store.findRoom(roomId);
  }

  @Override public void replaceKeys(String roomId, KeyHashes newKeys) {
    store.replaceKeys(roomId, newKeys);
  }

  @Override public CompletableFuture<Void> append(String roomId, List<StoredOp> ops) {
    return store.append(roomId, ops);
  }

  @Override public long headRevision(String roomId) {
    return store.headRevision(roomId);
  }

  @Override public OptionalLong committedRevision(String roomId, String clientId, long seq) {
    return store.committedRevision(roomId, clientId, seq);
  }

  @Override public Optional<ClientSeq> lastCommitted(String roomId, String clientId) {
    return store.lastCommitted(roomId, clientId);
  }

  @Override public CompletableFuture<Void> saveSnapshot(String roomId, long rev, Delta document) {
    return store.saveSnapshot(roomId, rev, document);
  }

  @Override public Optional<Snapshot> latestSnapshot(String roomId) {
    return store.latestSnapshot(roomId);
  }

  @Override public CompletableFuture<Void> appendChat(String roomId, ChatRecord message) {
    return store.appendChat(roomId, message);
  }

  @Override public List<ChatRecord> recentChat(String roomId, int limit) {
    return store.recentChat(roomId, limit);
  }

  @Override public void close() {
    store.close();
  }
}
