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
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** View, edit and admin keys over real sockets (docs/protocol.md §7). */
class RolesTest {
  @TempDir static Path data;
  static RoomServer server;

  @BeforeAll
  static void start() {
    server = RunningServer.start(data);
  }

  @AfterAll
  static void stop() {
    RunningServer.stop(server);
  }

  @Test
  void viewerCannotEditButSendsPresence() {
    NewRoom room = server.createRoom();
    try (TestClient editor = TestClient.connect(server.port(), room.id());
         TestClient viewer = TestClient.connect(server.port(), room.id())) {
      editor.hello(room.id(), room.editKey());
      assertThat(viewer.hello(room.id(), room.viewKey()).you().role()).isEqualTo(Role.VIEW);
      viewer.op(0, 7, insert(0, "x", viewer.clientId));
      ServerMessage.Error refused = viewer.next(ServerMessage.Error.class);
      assertThat(refused).isEqualTo(new ServerMessage.Error(ErrorCode.FORBIDDEN, refused.message(), false, OptionalLong.of(7)));
      viewer.presence(0, new Range(0, 0));
      assertThat(editor.skipTo(ServerMessage.Presence.class).clientId()).isEqualTo(viewer.clientId);
      editor.op(0, 1, insert(0, "e", editor.clientId));
      assertThat(editor.next(ServerMessage.Ack.class).rev()).isEqualTo(1);
      assertThat(viewer.next(ServerMessage.Ops.class).ops().getFirst().clientId()).isEqualTo(editor.clientId);
    }
  }

  @Test
  void rotatingKeysRevokesOldKeysAndClosesTheirHolders() {
    NewRoom room = server.createRoom();
    try (TestClient admin = TestClient.connect(server.port(), room.id());
         TestClient editor = TestClient.connect(server.port(), room.id());
         TestClient viewer = TestClient.connect(server.port(), room.id())) {
      admin.hello(room.id(), room.adminKey());
      editor.hello(room.id(), room.editKey());
      viewer.hello(room.id(), room.viewKey());

      admin.send(new ClientMessage.RotateKeys(Set.of(Role.EDIT)));
      ServerMessage.Keys keys = admin.skipTo(ServerMessage.Keys.class);
      assertThat(keys.keys()).containsOnlyKeys(Role.EDIT);
      String newEditKey = keys.keys().get(Role.EDIT);

      ServerMessage.Error revoked = editor.nextError();
      assertThat(revoked.code()).isEqualTo(ErrorCode.KEY_REVOKED);
      assertThat(editor.awaitClose()).isEqualTo(1008);
      ServerMessage.Peer left = viewer.skipTo(ServerMessage.Peer.class);
      while (left.state() != PeerState.LEFT) {
        left = viewer.skipTo(ServerMessage.Peer.class);
      }
      assertThat(left.clientId()).isEqualTo(editor.clientId);

      try (TestClient oldKey = TestClient.connect(server.port(), room.id())) {
        oldKey.send(TestClient.helloMessage(room.id(), room.editKey(), oldKey.clientId, OptionalLong.empty()));
        assertThat(oldKey.nextError().code()).isEqualTo(ErrorCode.BAD_KEY);
        assertThat(oldKey.awaitClose()).isEqualTo(1008);
      }
      try (TestClient newKey = TestClient.connect(server.port(), room.id())) {
        assertThat(newKey.hello(room.id(), newEditKey).you().role()).isEqualTo(Role.EDIT);
        newKey.op(0, 1, insert(0, "n", newKey.clientId));
        assertThat(newKey.skipTo(ServerMessage.Ack.class).rev()).isEqualTo(1);
      }
      // The viewer's key was not rotated: it stays, and the admin keeps working.
      admin.chat("still admin");
      assertThat(viewer.skipTo(ServerMessage.Chat.class).text()).isEqualTo("still admin");
    }
  }

  @Test
  void adminRemovesAParticipantAndOthersCannot() {
    NewRoom room = server.createRoom();
    try (TestClient admin = TestClient.connect(server.port(), room.id());
         TestClient editor = TestClient.connect(server.port(), room.id());
         TestClient target = TestClient.connect(server.port(), room.id())) {
      admin.hello(room.id(), room.adminKey());
      editor.hello(room.id(), room.editKey());
      target.hello(room.id(), room.viewKey());

      editor.send(new ClientMessage.RotateKeys(Set.of(Role.VIEW)));
      ServerMessage.Error notAdmin = editor.nextError();
      assertThat(notAdmin.code()).isEqualTo(ErrorCode.FORBIDDEN);
      assertThat(notAdmin.fatal()).isFalse();
      editor.send(new ClientMessage.Remove(target.clientId));
      assertThat(editor.nextError().code()).isEqualTo(ErrorCode.FORBIDDEN);

      admin.send(new ClientMessage.Remove(dev.tandem.protocol.Ids.random()));
      assertThat(admin.nextError().code()).isEqualTo(ErrorCode.UNKNOWN_PEER);
      admin.send(new ClientMessage.Remove(target.clientId));
      assertThat(admin.skipTo(ServerMessage.Removed.class).clientId()).isEqualTo(target.clientId);
      assertThat(target.nextError().code()).isEqualTo(ErrorCode.REMOVED);
      assertThat(target.awaitClose()).isEqualTo(1008);

      // The view key still works (removal is not revocation), and the editor still edits.
      try (TestClient back = TestClient.connect(server.port(), room.id())) {
        back.hello(room.id(), room.viewKey());
      }
      editor.op(0, 1, insert(0, "e", editor.clientId));
      assertThat(editor.skipTo(ServerMessage.Ack.class).rev()).isEqualTo(1);
    }
  }
}
