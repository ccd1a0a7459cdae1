package dev.tandem.server.it;

import static dev.tandem.server.it.Edits.delete;
import static dev.tandem.server.it.Edits.insert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.PeerState;
import dev.tandem.server.RoomServer;
import dev.tandem.server.room.RoomCreator.NewRoom;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that stops reading cannot make the server hold an unbounded queue for it: once more
 * than {@code maxOutboundBytes} wait to be written to it, the server disconnects it
 * ({@code slow-consumer}, docs/protocol.md §8) and everyone else carries on.
 */
class SlowConsumerTest {
  @TempDir Path data;

  @Test
  void aWelcomeLargerThanTheBoundIsSentWhole() {
    // One frame alone is not a pile-up: a room whose document is larger than the bound can be joined.
    long bound = 64 * 1024;
    RoomServer server = RunningServer.start(RunningServer.config(data).maxOutboundBytes(bound).build());
    String text = "y".repeat(300_000) + "\n";
    NewRoom room = server.createRoom(dev.tandem.ot.Delta.document(text));
    try (TestClient reader = TestClient.connect(server.port(), room.id())) {
      ServerMessage.Welcome welcome = reader.hello(room.id(), room.editKey());
      assertThat(welcome.doc()).contains(dev.tandem.ot.Delta.document(text));
    } finally {
      RunningServer.stop(server);
    }
  }

  @Test
  void aClientThatStopsReadingIsDisconnectedAndTheRoomCarriesOn() {
    long bound = 256 * 1024;
    RoomServer server = RunningServer.start(RunningServer.config(data).maxOutboundBytes(bound).build());
    NewRoom room = server.createRoom();
    try (TestClient editor = TestClient.connect(server.port(), room.id());
         TestClient stalled = TestClient.connectPaused(server.port(), room.id())) {
      stalled.send(TestClient.helloMessage(room.id(), room.editKey(), stalled.clientId,
          OptionalLong.empty()));
      // Both are in the room once the editor's welcome lists the stalled client or it joins later.
      ServerMessage.Welcome welcome = editor.hello(room.id(), room.editKey());
      if (welcome.peers().stream().noneMatch(p -> p.clientId().equals(stalled.clientId))) {
        assertThat(editor.skipTo(ServerMessage.Peer.class).clientId()).isEqualTo(stalled.clientId);
      }

      // Push large ops through the room until the server gives up on the stalled reader: each
      // 256 KiB insert (then its delete) is broadcast to it, and socket buffers hold only a few MB.
      String block = "x".repeat(256 * 1024);
      long rev = 0;
      long seq = 1;
      ServerMessage.Peer left = null;
      for (int i = 0; i < 200 && left == null; i++) {
        editor.op(rev, seq++, i % 2 == 0 ? insert(0, block, editor.clientId) : delete(0, block.length()));
        while (true) {
          ServerMessage m = editor.next();
          if (m instanceof ServerMessage.Ack ack) {
            rev = ack.rev();
            break;
          }
          if (m instanceof ServerMessage.Peer peer && peer.state() == PeerState.LEFT) {
            left = peer;
          }
        }
      }
      assertThat(left).as("the stalled client was disconnected after at most 200 large ops").isNotNull();
      assertThat(left.clientId()).isEqualTo(stalled.clientId);
      // Not asserted here: the close code the stalled client sees. Its 1013 close frame is queued
      // behind the frames it did not read, and the server drops that queue with the connection
      // (docs/protocol.md §1); in three runs it read what had reached its socket and saw 1006, but
      // once under load it had not seen the end within 10 s, which is not understood yet.

      // The room is unharmed: the editor keeps committing.
      editor.op(rev, seq, insert(0, "still here", editor.clientId));
      assertThat(editor.next(ServerMessage.Ack.class).rev()).isEqualTo(rev + 1);
    } finally {
      RunningServer.stop(server);
    }
  }
}
