package dev.tandem.server.it;

import static dev.tandem.server.it.Edits.insert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.Role;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.PeerState;
import dev.tandem.protocol.Values.Range;
import dev.tandem.server.RoomServer;
import dev.tandem.server.room.RoomCreator.NewRoom;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Once the server has decided that a connection's error is fatal, it handles none of that
 * connection's frames any more, not even those already on their way (docs/protocol.md §9): a
 * valid op sent right after a fatal {@code bad-base} is never committed, a presence never
 * forwarded, and the rest of the room goes on. The room's thread is held (in an admin's key
 * rotation) until the server has read all of the client's frames, so they all wait in the room's
 * mailbox behind the fatal one, however fast the connection closes.
 */
class AfterAFatalErrorTest {
  @TempDir Path data;
  final AtomicReference<HeldKeyWriteStore> store = new AtomicReference<>();
  RoomServer server;
  NewRoom room;

  @BeforeEach
  void start() throws Exception {
    server = RoomServer.start(RunningServer.config(data).build(), s -> {
      store.set(new HeldKeyWriteStore(s));
      return store.get();
    });
    room = server.createRoom();
  }

  @AfterEach
  void stop() {
    store.get().release();
    server.close();
  }

  @Test
  void nothingAConnectionSentAfterAnOpWithAFutureBaseIsHandled() throws Exception {
    afterAFatalFrame(bad -> bad.op(5, 1, insert(0, "future", bad.clientId)));
  }

  @Test
  void nothingAConnectionSentAfterAPresenceWithAFutureBaseIsHandled() throws Exception {
    afterAFatalFrame(bad -> bad.presence(5, new Range(0, 0)));
  }

  private void afterAFatalFrame(java.util.function.Consumer<TestClient> sendFatal) throws Exception {
    try (TestClient admin = TestClient.connect(server.port(), room.id());
         TestClient bad = TestClient.connect(server.port(), room.id())) {
      admin.hello(room.id(), room.adminKey());
      bad.hello(room.id(), room.editKey());
      admin.skipTo(ServerMessage.Peer.class); // bad joined

      store.get().holdNext();
      admin.send(new ClientMessage.RotateKeys(Set.of(Role.ADMIN))); // revokes nobody else
      store.get().awaitHeld();
      sendFatal.accept(bad);
      bad.op(0, 2, insert(0, "after", bad.clientId));
      bad.presence(0, new Range(1, 1));
      bad.awaitServerRead();
      store.get().release();

      ServerMessage.Error error = bad.nextError();
      assertThat(error.code()).isEqualTo(ErrorCode.BAD_BASE);
      assertThat(error.fatal()).isTrue();
      assertThat(bad.awaitClose()).isEqualTo(1008);

      // The admin's rotation went through, it still edits, and it saw nothing bad sent after
      // the fatal frame: its op is the room's first.
      admin.op(0, 1, insert(0, "admin", admin.clientId));
      List<ServerMessage> seen = new ArrayList<>();
      ServerMessage m = admin.next();
      while (!(m instanceof ServerMessage.Ack)) {
        seen.add(m);
        m = admin.next();
      }
      assertThat(m).isEqualTo(new ServerMessage.Ack(1, 1));
      assertThat(seen).hasAtLeastOneElementOfType(ServerMessage.Keys.class)
          .noneMatch(f -> f instanceof ServerMessage.Ops || f instanceof ServerMessage.Presence);
      assertThat(seen).filteredOn(ServerMessage.Peer.class::isInstance).map(ServerMessage.Peer.class::cast)
          .singleElement().satisfies(left -> {
            assertThat(left.clientId()).isEqualTo(bad.clientId);
            assertThat(left.state()).isEqualTo(PeerState.LEFT);
          });
      assertThat(CommitRulesTestSnapshot.of(room, server).plainText()).isEqualTo("admin\n");
    }
  }
}
