package dev.tandem.server.it;

import dev.tandem.server.store.KeyHashes;
import dev.tandem.server.store.RoomStore;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real store that can hold a key rotation's write ({@link #replaceKeys}, which the room makes on
 * its own thread) until the test releases it: meanwhile the room handles nothing, and the frames
 * clients send pile up in its mailbox, so a test can have several frames of one connection
 * waiting there at once. Everything else passes straight through.
 */
final class HeldKeyWriteStore extends ForwardingStore {
  private volatile boolean holdNext;
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);

  HeldKeyWriteStore(RoomStore store) {
    super(store);
  }

  /** Makes the next {@link #replaceKeys} wait until {@link #release}. */
  void holdNext() {
    holdNext = true;
  }

  /** Waits until the room's thread is held in the write. */
  void awaitHeld() throws InterruptedException {
    if (!entered.await(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("no key write within " + TestClient.WAIT);
    }
  }

  void release() {
    released.countDown();
  }

  @Override
  public void replaceKeys(String roomId, KeyHashes newKeys) {
    if (holdNext) {
      holdNext = false;
      entered.countDown();
      try {
        if (!released.await(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new AssertionError("the test never released the key write");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    store.replaceKeys(roomId, newKeys);
  }
}
