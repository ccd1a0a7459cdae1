package dev.tandem.server.it;

import static dev.tandem.server.it.Edits.insert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.server.RoomServer;
import dev.tandem.server.room.RoomCreator.NewRoom;
import dev.tandem.server.store.RoomStore;
import dev.tandem.server.store.StoredOp;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A history read off the room's thread (a stale op's, a joiner's catch-up) that dies with an
 * {@link Error} rather than an exception — the heap running out while a long history is read —
 * still reports back to the room: the waiting connection is answered, never parked for ever.
 */
class HistoryReadErrorTest {
  /** Throws an Error from the next {@link RoomStore#ops} read. */
  static final class ErrorOnNextRead extends ForwardingStore {
    volatile boolean failNext;

    ErrorOnNextRead(RoomStore store) {
      super(store);
    }

    @Override
    public List<StoredOp> ops(String roomId, long afterRev, long upTo) {
      if (failNext) {
        failNext = false;
        throw new OutOfMemoryError("injected: no heap left for the history read");
      }
      return store.ops(roomId, afterRev, upTo);
    }
  }

  @TempDir Path data;
  final AtomicReference<ErrorOnNextRead> store = new AtomicReference<>();
  RoomServer server;
  NewRoom room;

  @BeforeEach
  void start() throws Exception {
    server = RoomServer.start(RunningServer.config(data).rooms(ShortMemoryServer.ROOMS).build(),
        s -> {
          store.set(new ErrorOnNextRead(s));
          return store.get();
        });
    room = server.createRoom();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aStaleOpWhoseReadDiesIsAnsweredWithStorageFailed() {
    try (TestClient a = TestClient.connect(server.port(), room.id());
         TestClient b = TestClient.connect(server.port(), room.id())) {
      a.hello(room.id(), room.editKey());
      b.hello(room.id(), room.editKey());
      a.typeAcked("x", 0, 5); // memory then keeps revs 4 and 5 only
      store.get().failNext = true;
      b.op(0, 1, insert(0, "B", b.clientId)); // base 0: revs 1..3 come from storage
      ServerMessage.Error error = b.nextError();
      assertThat(error.code()).isEqualTo(ErrorCode.STORAGE_FAILED);
      assertThat(b.awaitClose()).isEqualTo(ErrorCode.STORAGE_FAILED.closeCode());
      // The room goes on.
      a.op(5, 6, insert(5, "y", a.clientId));
      assertThat(a.skipTo(ServerMessage.Ack.class).rev()).isEqualTo(6);
    }
  }

  @Test
  void aJoinerWhoseCatchUpReadDiesGetsTheDocument() {
    try (TestClient a = TestClient.connect(server.port(), room.id());
         TestClient c = TestClient.connect(server.port(), room.id())) {
      a.hello(room.id(), room.editKey());
      a.typeAcked("x", 0, 5); // memory then keeps revs 4 and 5 only
      store.get().failNext = true;
      ServerMessage.Welcome welcome = c.hello(room.id(), room.viewKey(), OptionalLong.of(1));
      assertThat(welcome.rev()).isEqualTo(5);
      assertThat(welcome.doc().orElseThrow().plainText()).isEqualTo("xxxxx\n");
    }
  }
}
