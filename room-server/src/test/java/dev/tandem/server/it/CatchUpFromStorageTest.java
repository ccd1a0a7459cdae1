package dev.tandem.server.it;

import static dev.tandem.server.it.Edits.insert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.CommittedOp;
import dev.tandem.protocol.Values.PeerState;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * A {@code hello} whose {@code since} is older than the ops a room keeps in memory is caught up
 * from storage off the room's thread: while that read is held, the room keeps committing; the
 * joiner's welcome then carries every op up to the revision at the moment it joins (including ops
 * committed during the read), and what it sent while waiting is handled after its welcome.
 */
class CatchUpFromStorageTest extends ShortMemoryServer {
  /** {@code a} types "xxxxx": revs 1..5. */
  private void fiveOps(TestClient a) {
    a.hello(room.id(), room.editKey());
    for (int i = 0; i < 5; i++) {
      a.op(i, i + 1, insert(i, "x", a.clientId));
      assertThat(a.next(ServerMessage.Ack.class).rev()).isEqualTo(i + 1);
    }
  }

  @Test
  void theRoomKeepsCommittingWhileAJoinersHistoryIsReadAndTheJoinerMissesNothing() throws Exception {
    try (TestClient a = TestClient.connect(server.port(), room.id());
         TestClient b = TestClient.connect(server.port(), room.id())) {
      fiveOps(a);
      store.get().hold();
      b.send(TestClient.helloMessage(room.id(), room.editKey(), b.clientId, OptionalLong.of(1)));
      b.chat("sent before my welcome");
      store.get().awaitHeldRead();
      assertThat(store.get().heldOn).startsWith("tandem-catch-up-");

      // The room is not waiting for that read: a's next ops are committed and acked meanwhile.
      // Three of them, so the two-op window no longer holds rev 6 when the read returns.
      for (int i = 5; i < 8; i++) {
        a.op(i, i + 1, insert(i, "y", a.clientId));
        assertThat(a.next(ServerMessage.Ack.class).rev()).isEqualTo(i + 1);
      }
      store.get().release();

      ServerMessage.Welcome welcome = b.next(ServerMessage.Welcome.class);
      assertThat(welcome.rev()).isEqualTo(8);
      assertThat(welcome.ops().orElseThrow()).extracting(CommittedOp::rev)
          .containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L);
      assertThat(welcome.ops().orElseThrow().get(5))
          .isEqualTo(new CommittedOp(7, a.clientId, 7, insert(6, "y", a.clientId)));
      ServerMessage.Peer joined = a.next(ServerMessage.Peer.class);
      assertThat(joined.clientId()).isEqualTo(b.clientId);
      assertThat(joined.state()).isEqualTo(PeerState.JOINED);
      // What b sent while it waited is handled once it is in: everyone sees the chat line.
      assertThat(b.skipTo(ServerMessage.Chat.class).text()).isEqualTo("sent before my welcome");
      assertThat(a.skipTo(ServerMessage.Chat.class).text()).isEqualTo("sent before my welcome");

      // From now on b hears of new ops by broadcast, each once.
      a.op(8, 9, insert(8, "z", a.clientId));
      assertThat(a.skipTo(ServerMessage.Ack.class).rev()).isEqualTo(9);
      assertThat(b.skipTo(ServerMessage.Ops.class).ops()).extracting(CommittedOp::rev).containsExactly(9L);
      b.op(9, 1, insert(9, "!", b.clientId));
      assertThat(b.skipTo(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(1, 10));
    }
  }

  /** docs/protocol.md §1: an error about a frame sent after hello comes after the welcome. */
  @Test
  void anErrorAboutAFrameSentWhileWaitingComesAfterTheWelcome() throws Exception {
    try (TestClient a = TestClient.connect(server.port(), room.id());
         TestClient b = TestClient.connect(server.port(), room.id())) {
      fiveOps(a);
      store.get().hold();
      b.send(TestClient.helloMessage(room.id(), room.editKey(), b.clientId, OptionalLong.of(1)));
      b.sendRaw("{\"type\":\"dance\"}");
      store.get().awaitHeldRead();
      b.awaitServerRead();
      store.get().release();

      assertThat(b.next(ServerMessage.Welcome.class).rev()).isEqualTo(5);
      ServerMessage.Error error = b.next(ServerMessage.Error.class);
      assertThat(error.code()).isEqualTo(dev.tandem.protocol.ErrorCode.UNKNOWN_TYPE);
      assertThat(error.fatal()).isFalse();
    }
  }

  private void awaitConnections(double count) throws InterruptedException {
    long deadline = System.nanoTime() + TestClient.WAIT.toNanos();
    while (RunningServer.metric(server, "tandem_connections") != count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("tandem_connections did not reach " + count);
      }
      Thread.sleep(10);
    }
  }

  @Test
  void aJoinerThatLeavesWhileItsHistoryIsReadIsForgotten() throws Exception {
    try (TestClient a = TestClient.connect(server.port(), room.id())) {
      fiveOps(a);
      store.get().hold();
      TestClient gone = TestClient.connect(server.port(), room.id());
      gone.send(TestClient.helloMessage(room.id(), room.editKey(), gone.clientId, OptionalLong.of(1)));
      store.get().awaitHeldRead();
      gone.close();
      // The count drops only after the room was told of the leave, so a's op (sent after) is
      // handled after it, and a's ack proves the room has forgotten the waiting joiner.
      awaitConnections(1);
      a.op(5, 6, insert(5, "y", a.clientId));
      assertThat(a.next(ServerMessage.Ack.class).rev()).isEqualTo(6);
      store.get().release();

      // The room never announces the one that left; a later joiner from far behind still gets
      // its ops (the gate is open now), and a sees only that joiner.
      try (TestClient c = TestClient.connect(server.port(), room.id())) {
        ServerMessage.Welcome welcome = c.hello(room.id(), room.viewKey(), OptionalLong.of(1));
        assertThat(welcome.ops().orElseThrow()).extracting(CommittedOp::rev).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(welcome.peers()).extracting(p -> p.clientId()).containsExactly(a.clientId);
        assertThat(a.next(ServerMessage.Peer.class).clientId()).isEqualTo(c.clientId);
      }
    }
  }
}
