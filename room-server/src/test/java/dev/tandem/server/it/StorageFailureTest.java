package dev.tandem.server.it;

import static dev.tandem.server.it.Edits.insert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.server.RoomServer;
import dev.tandem.server.room.RoomCreator.NewRoom;
import dev.tandem.server.store.RoomStore;
import dev.tandem.server.store.StorageFailedException;
import dev.tandem.server.store.StoredOp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed storage write (docs/protocol.md, {@code storage-failed}): the room drops its memory like
 * an evicted Durable Object, tells its clients with the typed error and closes them (1011), shows
 * nobody the op that was not stored, and the next connection finds it rebuilt from storage with
 * exactly the durable ops; other rooms are not affected. Real SQLite behind a decorator that fails
 * one append.
 */
class StorageFailureTest {
  @TempDir Path data;

  /** Fails the next append of one room without storing anything of it. */
  static final class FailOneAppend extends ForwardingStore {
    /** The room whose next append fails; null for none. */
    private String failNext;

    FailOneAppend(RoomStore store) {
      super(store);
    }

    synchronized void failNextAppendOf(String roomId) {
      failNext = roomId;
    }

    @Override
    public CompletableFuture<Void> append(String roomId, List<StoredOp> ops) {
      synchronized (this) {
        if (roomId.equals(failNext)) {
          failNext = null;
          return CompletableFuture.failedFuture(new StorageFailedException("injected: disk full"));
        }
      }
      return store.append(roomId, ops);
    }
  }

  @Test
  void aFailedWriteClosesTheRoomsClientsAndTheRoomComesBackFromStorage() {
    AtomicReference<FailOneAppend> faulty = new AtomicReference<>();
    try (RoomServer server = RoomServer.start(RunningServer.config(data).build(),
        store -> { faulty.set(new FailOneAppend(store)); return faulty.get(); })) {
      NewRoom room = server.createRoom();
      NewRoom other = server.createRoom();
      String aId;
      try (TestClient a = TestClient.connect(server.port(), room.id());
           TestClient b = TestClient.connect(server.port(), room.id());
           TestClient c = TestClient.connect(server.port(), other.id())) {
        aId = a.clientId;
        a.hello(room.id(), room.editKey());
        b.hello(room.id(), room.editKey());
        c.hello(other.id(), other.editKey());
        a.op(0, 1, insert(0, "durable", a.clientId));
        assertThat(a.skipTo(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(1, 1));
        assertThat(b.skipTo(ServerMessage.Ops.class).ops().getFirst().rev()).isEqualTo(1);

        faulty.get().failNextAppendOf(room.id());
        a.op(1, 2, insert(7, " lost", a.clientId));

        for (TestClient client : List.of(a, b)) {
          List<ServerMessage> before = new ArrayList<>();
          ServerMessage m;
          while (!((m = client.next()) instanceof ServerMessage.Error)) {
            before.add(m);
          }
          ServerMessage.Error error = (ServerMessage.Error) m;
          assertThat(error.code()).isEqualTo(ErrorCode.STORAGE_FAILED);
          assertThat(error.fatal()).isTrue();
          assertThat(before).as("nothing of the unstored op reached %s", client.clientId)
              .noneMatch(f -> f instanceof ServerMessage.Ack || f instanceof ServerMessage.Ops);
          assertThat(client.awaitClose()).isEqualTo(1011);
        }

        // The other room keeps working throughout.
        c.op(0, 1, insert(0, "unaffected", c.clientId));
        assertThat(c.skipTo(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(1, 1));
        assertThat(c.isClosed()).isFalse();
      }

      // A new connection: the room is rebuilt from storage with exactly the durable op.
      try (TestClient fresh = TestClient.connect(server.port(), room.id())) {
        ServerMessage.Welcome welcome = fresh.hello(room.id(), room.viewKey());
        assertThat(welcome.rev()).isEqualTo(1);
        assertThat(welcome.doc().orElseThrow().plainText()).isEqualTo("durable\n");
      }
      // a comes back (same clientId), catches up from 0, and resends the op that was lost.
      try (TestClient again = TestClient.connect(server.port(), room.id(), aId)) {
        ServerMessage.Welcome welcome = again.hello(room.id(), room.editKey(), OptionalLong.of(0));
        assertThat(welcome.ops().orElseThrow()).extracting(dev.tandem.protocol.Values.CommittedOp::rev).containsExactly(1L);
        again.op(1, 2, insert(7, " lost", again.clientId));
        assertThat(again.skipTo(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(2, 2));
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Fails the next {@link RoomStore#findRoom} (a storage read that a join needs). */
  static final class FailOneFind extends ForwardingStore {
    volatile boolean failNext;

    FailOneFind(RoomStore store) {
      super(store);
    }

    @Override
    public java.util.Optional<dev.tandem.server.store.RoomRecord> findRoom(String roomId) {
      if (failNext) {
        failNext = false;
        throw new StorageFailedException("injected: read failed");
      }
      return store.findRoom(roomId);
    }
  }

  /**
   * A join's storage read fails (docs/protocol.md §4 rule 7): the joiner is told {@code
   * storage-failed} and closed with 1011, as for any storage failure, not {@code internal}.
   */
  @Test
  void aJoinerWhoseRoomCannotBeReadIsToldAndClosedNotLeftWaiting() {
    AtomicReference<FailOneFind> faulty = new AtomicReference<>();
    try (RoomServer server = RoomServer.start(RunningServer.config(data).build(),
        store -> { faulty.set(new FailOneFind(store)); return faulty.get(); })) {
      NewRoom room = server.createRoom();
      faulty.get().failNext = true;
      try (TestClient joiner = TestClient.connect(server.port(), room.id())) {
        joiner.send(TestClient.helloMessage(room.id(), room.editKey(), joiner.clientId, OptionalLong.empty()));
        ServerMessage.Error error = joiner.nextError();
        assertThat(error.code()).isEqualTo(ErrorCode.STORAGE_FAILED);
        assertThat(error.fatal()).isTrue();
        assertThat(joiner.awaitClose()).isEqualTo(1011);
      }
      // The read works again: the next joiner gets the room.
      try (TestClient next = TestClient.connect(server.port(), room.id())) {
        assertThat(next.hello(room.id(), room.editKey()).rev()).isZero();
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Fails the next {@link RoomStore#replaceKeys} (the write of a key rotation) without storing anything. */
  static final class FailOneKeyWrite extends ForwardingStore {
    volatile boolean failNext;

    FailOneKeyWrite(RoomStore store) {
      super(store);
    }

    @Override
    public void replaceKeys(String roomId, dev.tandem.server.store.KeyHashes newKeys) {
      if (failNext) {
        failNext = false;
        throw new StorageFailedException("injected: disk full");
      }
      store.replaceKeys(roomId, newKeys);
    }
  }

  /**
   * A key rotation whose write fails is a failed storage write (§4 rule 7, §7 rotate-keys): every
   * connection of the room gets {@code storage-failed} and 1011 (the admin gets no keys), and the
   * room comes back from storage, where the keys are the old ones.
   */
  @Test
  void aFailedKeyRotationIsAStorageFailureAndTheOldKeysStay() {
    AtomicReference<FailOneKeyWrite> faulty = new AtomicReference<>();
    try (RoomServer server = RoomServer.start(RunningServer.config(data).build(),
        store -> { faulty.set(new FailOneKeyWrite(store)); return faulty.get(); })) {
      NewRoom room = server.createRoom();
      try (TestClient admin = TestClient.connect(server.port(), room.id());
           TestClient editor = TestClient.connect(server.port(), room.id())) {
        admin.hello(room.id(), room.adminKey());
        editor.hello(room.id(), room.editKey());
        editor.op(0, 1, insert(0, "kept", editor.clientId));
        assertThat(editor.skipTo(ServerMessage.Ack.class).rev()).isEqualTo(1);

        faulty.get().failNext = true;
        admin.send(new dev.tandem.protocol.ClientMessage.RotateKeys(java.util.Set.of(dev.tandem.protocol.Role.VIEW)));
        for (TestClient client : List.of(admin, editor)) {
          ServerMessage m;
          while (!((m = client.next()) instanceof ServerMessage.Error)) {
            assertThat(m).as("no keys for a rotation that was not stored").isNotInstanceOf(ServerMessage.Keys.class);
          }
          ServerMessage.Error error = (ServerMessage.Error) m;
          assertThat(error.code()).isEqualTo(ErrorCode.STORAGE_FAILED);
          assertThat(error.fatal()).isTrue();
          assertThat(client.awaitClose()).isEqualTo(1011);
        }
      }
      // Rebuilt from storage: the view key was not replaced, and the document is all there.
      try (TestClient viewer = TestClient.connect(server.port(), room.id())) {
        ServerMessage.Welcome welcome = viewer.hello(room.id(), room.viewKey());
        assertThat(welcome.rev()).isEqualTo(1);
        assertThat(welcome.doc().orElseThrow().plainText()).isEqualTo("kept\n");
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
