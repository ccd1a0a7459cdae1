package dev.tandem.server.it;

import dev.tandem.server.store.RoomStore;
import dev.tandem.server.store.StoredOp;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A real store whose op writes ({@link #append}) start only once the test releases them: while
 * held, the room has accepted the ops but cannot acknowledge them, so a test can see what the
 * server sends meanwhile. Everything else passes straight through.
 */
final class HeldWritesStore extends ForwardingStore {
  private volatile CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);

  HeldWritesStore(RoomStore store) {
    super(store);
  }

  /** Makes the next writes wait until {@link #release}. */
  void hold() {
    gate = new CompletableFuture<>();
  }

  /** Lets the held writes (and later ones) go to storage. */
  void release() {
    gate.complete(null);
  }

  @Override
  public CompletableFuture<Void> append(String roomId, List<StoredOp> ops) {
    return gate.thenCompose(open -> store.append(roomId, ops));
  }
}
