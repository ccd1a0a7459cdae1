package dev.tandem.server.it;

import static dev.tandem.server.it.Edits.insert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.Range;
import dev.tandem.server.RoomServer;
import dev.tandem.server.room.RoomCreator.NewRoom;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Presence transformation and forwarding; chat round trip, storage and history for joiners. */
class PresenceAndChatTest {
  @TempDir Path data;

  @Test
  void presenceIsTransformedToTheCurrentRevisionAndForwardedOnlyOnChange() {
    RoomServer server = RunningServer.start(data);
    try (server) {
      NewRoom room = server.createRoom();
      try (TestClient a = TestClient.connect(server.port(), room.id());
           TestClient b = TestClient.connect(server.port(), room.id())) {
        a.hello(room.id(), room.editKey());
        b.hello(room.id(), room.editKey());
        a.skipTo(ServerMessage.Peer.class);
        a.op(0, 1, insert(0, "hello", a.clientId));
        assertThat(a.next(ServerMessage.Ack.class).rev()).isEqualTo(1);
        a.op(1, 2, insert(0, ">> ", a.clientId));
        assertThat(a.next(ServerMessage.Ack.class).rev()).isEqualTo(2);

        // b is still at rev 1: its caret after "hello" and a selection of "ell".
        b.presence(1, new Range(5, 5), new Range(1, 4));
        ServerMessage.Presence seen = a.next(ServerMessage.Presence.class);
        assertThat(seen).isEqualTo(new ServerMessage.Presence(b.clientId, 2, List.of(new Range(8, 8), new Range(4, 7))));

        // The same selection again (at the new revision too) is not forwarded; a change is.
        b.presence(1, new Range(5, 5), new Range(1, 4));
        b.presence(2, new Range(8, 8), new Range(4, 7));
        b.presence(2, new Range(0, 0));
        assertThat(a.next(ServerMessage.Presence.class).ranges()).containsExactly(new Range(0, 0));

        // Newcomers get the current presences right after their welcome.
        try (TestClient c = TestClient.connect(server.port(), room.id())) {
          assertThat(c.hello(room.id(), room.viewKey()).rev()).isEqualTo(2);
          assertThat(c.next(ServerMessage.Presence.class))
              .isEqualTo(new ServerMessage.Presence(b.clientId, 2, List.of(new Range(0, 0))));
        }
        // A presence from the future is fatal.
        b.presence(9, new Range(0, 0));
        assertThat(b.nextError().code()).isEqualTo(ErrorCode.BAD_BASE);
        assertThat(b.awaitClose()).isEqualTo(1008);
      }
    }
  }

  @Test
  void chatRoundTripIsStoredAndTheLast100GoToJoinersAfterARestart() {
    NewRoom room;
    try (RoomServer server = RunningServer.start(data)) {
      room = server.createRoom();
      try (TestClient a = TestClient.connect(server.port(), room.id());
           TestClient b = TestClient.connect(server.port(), room.id())) {
        a.hello(room.id(), room.editKey());
        b.hello(room.id(), room.viewKey());
        for (int i = 0; i < 105; i++) {
          a.chat("line " + i);
          ServerMessage.Chat own = a.skipTo(ServerMessage.Chat.class);
          assertThat(own.text()).isEqualTo("line " + i);
          assertThat(own.clientId()).isEqualTo(a.clientId);
          assertThat(b.skipTo(ServerMessage.Chat.class)).isEqualTo(own);
        }
        a.chat("");
        assertThat(a.nextError().code()).isEqualTo(ErrorCode.CHAT_TOO_LONG);
        try (TestClient c = TestClient.connect(server.port(), room.id())) {
          List<ServerMessage.Chat> history = c.hello(room.id(), room.viewKey()).chat();
          assertThat(history).hasSize(100);
          assertThat(history.getFirst().text()).isEqualTo("line 5");
          assertThat(history.getLast().text()).isEqualTo("line 104");
        }
      }
    }
    try (RoomServer restarted = RunningServer.start(data);
         TestClient c = TestClient.connect(restarted.port(), room.id())) {
      List<ServerMessage.Chat> history = c.hello(room.id(), room.viewKey()).chat();
      assertThat(history).extracting(ServerMessage.Chat::text).first().isEqualTo("line 5");
      assertThat(history).hasSize(100).extracting(ServerMessage.Chat::text).last().isEqualTo("line 104");
    }
  }
}
