package dev.tandem.server.it;

import static dev.tandem.server.it.Edits.insert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.server.RoomServer;
import dev.tandem.server.room.RoomConfig;
import dev.tandem.server.room.RoomCreator.NewRoom;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idle rooms drop their state and keep their sockets; storage brings them back, also after a restart. */
class HibernationTest {
  @TempDir Path data;

  @Test
  void idleRoomHibernatesKeepsItsSocketsAndReactivatesFromStorage() {
    RoomConfig rooms = RoomConfig.DEFAULTS.withLimits(RunningServer.TEST_LIMITS)
        .withHibernateAfter(Duration.ofMillis(200));
    NewRoom room;
    try (RoomServer server = RunningServer.start(RunningServer.config(data).rooms(rooms).build())) {
      room = server.createRoom();
      try (TestClient a = TestClient.connect(server.port(), room.id());
           TestClient b = TestClient.connect(server.port(), room.id())) {
        a.hello(room.id(), room.editKey());
        b.hello(room.id(), room.editKey());
        a.op(0, 1, insert(0, "before", a.clientId));
        assertThat(a.skipTo(ServerMessage.Ack.class).rev()).isEqualTo(1);
        assertThat(RunningServer.metric(server, "tandem_rooms_active")).isEqualTo(1.0);

        awaitMetric(server, "tandem_rooms_hibernated", 1.0);
        assertThat(RunningServer.metric(server, "tandem_rooms_active")).isEqualTo(0.0);
        assertThat(a.isClosed()).isFalse();

        // b's op at rev 1 wakes the room: loaded from storage, committed as rev 2, seen by a.
        b.op(1, 1, insert(6, " after", b.clientId));
        assertThat(b.skipTo(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(1, 2));
        assertThat(a.skipTo(ServerMessage.Ops.class).ops().getFirst().rev()).isEqualTo(2);
        assertThat(RunningServer.metric(server, "tandem_rooms_hibernated")).isEqualTo(0.0);
        // a resend of a's first op after the reload is still recognised (from storage).
        a.op(0, 1, insert(0, "before", a.clientId));
        assertThat(a.skipTo(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(1, 1));
      }
    }
    try (RoomServer restarted = RunningServer.start(RunningServer.config(data).rooms(rooms).build());
         TestClient c = TestClient.connect(restarted.port(), room.id())) {
      ServerMessage.Welcome welcome = c.hello(room.id(), room.viewKey());
      assertThat(welcome.rev()).isEqualTo(2);
      assertThat(welcome.doc().orElseThrow().plainText()).isEqualTo("before after\n");
    }
  }

  @Test
  void aSeqBelowTheLastCommittedStaysRefusedAfterHibernationAndAfterARestart() {
    RoomConfig rooms = RoomConfig.DEFAULTS.withLimits(RunningServer.TEST_LIMITS)
        .withHibernateAfter(Duration.ofMillis(200));
    NewRoom room;
    String clientId;
    try (RoomServer server = RunningServer.start(RunningServer.config(data).rooms(rooms).build())) {
      room = server.createRoom();
      try (TestClient a = TestClient.connect(server.port(), room.id())) {
        clientId = a.clientId;
        a.hello(room.id(), room.editKey());
        a.op(0, 5, insert(0, "a", a.clientId));
        assertThat(a.skipTo(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(5, 1));

        awaitMetric(server, "tandem_rooms_hibernated", 1.0);
        // The room reloads for this op and knows nothing of seq 5 in memory: storage does.
        a.op(1, 4, insert(0, "z", a.clientId));
        assertRefused(a, 4);
        a.op(1, 6, insert(1, "b", a.clientId));
        assertThat(a.skipTo(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(6, 2));
      }
    }
    try (RoomServer restarted = RunningServer.start(RunningServer.config(data).rooms(rooms).build());
         TestClient again = TestClient.connect(restarted.port(), room.id(), clientId)) {
      again.hello(room.id(), room.editKey());
      again.op(2, 3, insert(0, "z", clientId));
      assertRefused(again, 3);
      // the last committed seq is still answered with its ack, never committed twice
      again.op(1, 6, insert(1, "b", clientId));
      assertThat(again.skipTo(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(6, 2));
      again.op(2, 7, insert(2, "c", clientId));
      assertThat(again.skipTo(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(7, 3));
    }
    try (RoomServer reopened = RunningServer.start(RunningServer.config(data).rooms(rooms).build());
         TestClient c = TestClient.connect(reopened.port(), room.id())) {
      assertThat(c.hello(room.id(), room.viewKey()).doc().orElseThrow().plainText()).isEqualTo("abc\n");
    }
  }

  private static void assertRefused(TestClient client, long seq) {
    ServerMessage.Error error = client.skipTo(ServerMessage.Error.class);
    assertThat(error.code()).isEqualTo(ErrorCode.BAD_FRAME);
    assertThat(error.seq()).hasValue(seq);
    assertThat(error.fatal()).isFalse();
  }

  private static void awaitMetric(RoomServer server, String series, double value) {
    long deadline = System.nanoTime() + TestClient.WAIT.toNanos();
    while (RunningServer.metric(server, series) != value) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(series + " did not reach " + value + " within " + TestClient.WAIT);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }
}
