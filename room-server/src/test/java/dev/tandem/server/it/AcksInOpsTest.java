package dev.tandem.server.it;

import static dev.tandem.server.it.Edits.insert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.CommittedOp;
import dev.tandem.server.RoomServer;
import dev.tandem.server.room.RoomCreator.NewRoom;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acks in the shared ops frame (docs/protocol.md §5) over real sockets: a client that asks for it
 * in {@code hello} gets the batch's {@code ops} frame with its own op in it and no {@code ack};
 * a client that does not ask gets {@code ack}s as before, in the same room.
 */
class AcksInOpsTest {
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
  void ownOpsComeInTheSharedFrameToClientsThatAskAndAsAcksToTheOthers() {
    NewRoom room = server.createRoom();
    try (TestClient a = TestClient.connect(server.port(), room.id());
         TestClient b = TestClient.connect(server.port(), room.id());
         TestClient old = TestClient.connect(server.port(), room.id())) {
      a.hello(room.id(), room.editKey(), OptionalLong.empty(), true);
      b.hello(room.id(), room.editKey(), OptionalLong.empty(), true);
      a.skipTo(ServerMessage.Peer.class); // b joined
      old.hello(room.id(), room.editKey());
      a.skipTo(ServerMessage.Peer.class); // old joined
      b.skipTo(ServerMessage.Peer.class); // old joined

      a.op(0, 1, insert(0, "hi", a.clientId));
      ServerMessage.Ops first = new ServerMessage.Ops(List.of(new CommittedOp(1, a.clientId, 1, insert(0, "hi", a.clientId))));
      assertThat(a.next(ServerMessage.Ops.class)).isEqualTo(first); // its ack: no ack frame
      assertThat(b.next(ServerMessage.Ops.class)).isEqualTo(first);
      assertThat(old.next(ServerMessage.Ops.class)).isEqualTo(first);

      old.op(1, 1, insert(2, "!", old.clientId));
      assertThat(old.next(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(1, 2));
      ServerMessage.Ops second = new ServerMessage.Ops(List.of(new CommittedOp(2, old.clientId, 1, insert(2, "!", old.clientId))));
      // Strictly the next frame: had a been sent an ack for its op, this would find it instead.
      assertThat(a.next(ServerMessage.Ops.class)).isEqualTo(second);
      assertThat(b.next(ServerMessage.Ops.class)).isEqualTo(second);

      // b's op at a stale base: transformed, and b recognises it by clientId and seq.
      b.op(1, 7, insert(2, "?", b.clientId));
      CommittedOp third = new CommittedOp(3, b.clientId, 7, insert(3, "?", b.clientId));
      assertThat(b.next(ServerMessage.Ops.class).ops()).containsExactly(third);
      assertThat(a.next(ServerMessage.Ops.class).ops()).containsExactly(third);
      assertThat(old.next(ServerMessage.Ops.class).ops()).containsExactly(third);

      // A resend of a committed op is answered with an ack frame in either mode (it is in no batch).
      a.op(0, 1, insert(0, "hi", a.clientId));
      assertThat(a.next(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(1, 1));
      assertThat(CommitRulesTestSnapshot.of(room, server).plainText()).isEqualTo("hi!?\n");
    }
  }

  @Test
  void aReconnectingClientRecognisesItsOpInTheCatchUpAndGetsLaterOnesInTheSharedFrame() {
    NewRoom room = server.createRoom();
    TestClient a = TestClient.connect(server.port(), room.id());
    a.hello(room.id(), room.editKey(), OptionalLong.empty(), true);
    a.op(0, 1, insert(0, "x", a.clientId));
    assertThat(a.next(ServerMessage.Ops.class).ops()).extracting(CommittedOp::rev).containsExactly(1L);
    a.close();
    try (TestClient again = TestClient.connect(server.port(), room.id(), a.clientId)) {
      ServerMessage.Welcome welcome = again.hello(room.id(), room.editKey(), OptionalLong.of(0), true);
      assertThat(welcome.ops().orElseThrow()).extracting(CommittedOp::clientId, CommittedOp::seq)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(a.clientId, 1L));
      again.op(1, 2, insert(1, "y", a.clientId));
      assertThat(again.next(ServerMessage.Ops.class).ops())
          .containsExactly(new CommittedOp(2, a.clientId, 2, insert(1, "y", a.clientId)));
    }
  }
}
