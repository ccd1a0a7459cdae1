package dev.tandem.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.Protocol;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.User;
import dev.tandem.server.RoomServer;
import dev.tandem.server.room.RoomConfig;
import dev.tandem.server.room.RoomCreator.NewRoom;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reconnect further back than {@code maxCatchUpOps} gets the document, except an editor whose
 * {@code hello} says it has edits the server has not acknowledged ({@code pending}): it gets the
 * ops since, from up to 100 times further back, so that it can rebase those edits instead of
 * dropping them (docs/protocol.md §6). A viewer has no edits to keep: the document.
 */
class PendingCatchUpTest {
  static final int MAX_CATCH_UP = 3;

  @TempDir Path data;

  @Test
  void anEditorWithPendingEditsGetsTheOpsFromFurtherBackThanTheCatchUpLimit() throws Exception {
    RoomConfig rooms = new RoomConfig(RunningServer.TEST_LIMITS, 1_000, 1_000, MAX_CATCH_UP,
        RoomConfig.DEFAULTS.hibernateAfter());
    try (RoomServer server = RoomServer.start(RunningServer.config(data).rooms(rooms).build())) {
      NewRoom room = server.createRoom();
      try (TestClient writer = TestClient.connect(server.port(), room.id())) {
        writer.hello(room.id(), room.editKey());
        writer.typeAcked("w", 0, 10); // rev 10: 10 ops after rev 0, more than MAX_CATCH_UP
      }
      ServerMessage.Welcome pendingEditor = welcome(server, room.id(), room.editKey(), true);
      assertThat(pendingEditor.ops()).as("ops instead of the document").isPresent();
      assertThat(pendingEditor.ops().get()).hasSize(10);
      assertThat(pendingEditor.doc()).isEmpty();

      assertThat(welcome(server, room.id(), room.editKey(), false).doc()).as("no pending edits").isPresent();
      assertThat(welcome(server, room.id(), room.viewKey(), true).doc()).as("a viewer").isPresent();
    }
  }

  private static ServerMessage.Welcome welcome(RoomServer server, String roomId, String key, boolean pending) {
    try (TestClient c = TestClient.connect(server.port(), roomId)) {
      c.send(new ClientMessage.Hello(Protocol.PROTOCOL_VERSION, roomId, key, c.clientId,
          new User("u", "#336699"), OptionalLong.of(0), false, pending));
      return c.next(ServerMessage.Welcome.class);
    }
  }
}
