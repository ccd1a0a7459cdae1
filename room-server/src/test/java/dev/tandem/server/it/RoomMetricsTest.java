package dev.tandem.server.it;

import static dev.tandem.server.it.Edits.insert;
import static dev.tandem.server.it.RunningServer.awaitMetric;
import static dev.tandem.server.it.RunningServer.roomMetric;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.PeerState;
import dev.tandem.server.RoomServer;
import dev.tandem.server.room.RoomConfig;
import dev.tandem.server.room.RoomCreator.NewRoom;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-room billing series of {@code /metrics} (docs/operations.md): messages in are exactly the
 * frames clients sent to the room (not the room's own work: write results, chat storage,
 * hibernation timers, leaves), messages out exactly the frames its clients received, and active
 * seconds the wall-clock time the room's state was in memory; all of them keep counting across
 * hibernation and stay after the room retires.
 */
class RoomMetricsTest {
  private static final String IN = "tandem_room_messages_in_total";
  private static final String OUT = "tandem_room_messages_out_total";
  private static final String ACTIVE = "tandem_room_active_seconds_total";
  private static final Duration HIBERNATE_AFTER = Duration.ofMillis(500);
  private static final double HIBERNATE_AFTER_SECONDS = HIBERNATE_AFTER.toNanos() / 1e9;

  @TempDir Path data;

  /**
   * Waits for a room's count to reach {@code value}: a frame can reach its client before the room
   * counts it (it counts after queueing, and a client frame once the room has handled it).
   * Overshooting the value fails the exact checks after it.
   */
  private static void awaitRoomMetric(RoomServer server, String series, String roomId, double value) {
    awaitMetric(server, series + "{room=\"" + roomId + "\"}", value);
  }

  @Test
  void perRoomSeriesCountClientFramesAndInMemoryTimeAcrossHibernation() {
    RoomConfig rooms = RoomConfig.DEFAULTS.withLimits(RunningServer.TEST_LIMITS).withHibernateAfter(HIBERNATE_AFTER);
    try (RoomServer server = RunningServer.start(RunningServer.config(data).rooms(rooms).build())) {
      NewRoom room = server.createRoom();
      NewRoom other = server.createRoom();
      String id = room.id();
      assertThat(roomMetric(server, IN, id)).as("no series before the room is used").isNaN();
      double firstSpan;

      try (TestClient a = TestClient.connect(server.port(), id)) {
        a.hello(id, room.editKey());                              // in 1; a: welcome
        a.op(0, 1, insert(0, "one", a.clientId));                 // in 2; a: ack
        a.next(ServerMessage.Ack.class);
        int bReceived;
        try (TestClient b = TestClient.connect(server.port(), id)) {
          b.hello(id, room.editKey());                            // in 3; b: welcome, a: peer
          assertThat(a.next(ServerMessage.Peer.class).state()).isEqualTo(PeerState.JOINED);
          b.op(1, 1, insert(3, " two", b.clientId));              // in 4; b: ack, a: ops
          b.next(ServerMessage.Ack.class);
          a.next(ServerMessage.Ops.class);
          a.chat("hi");                                           // in 5; a: chat, b: chat
          a.next(ServerMessage.Chat.class);
          b.next(ServerMessage.Chat.class);
          bReceived = b.framesReceived();
        }                                                         // b leaves; a: peer
        assertThat(a.next(ServerMessage.Peer.class).state()).isEqualTo(PeerState.LEFT);
        assertThat(bReceived).isEqualTo(3);
        assertThat(a.framesReceived()).isEqualTo(6);

        // Two write results, the chat's storage and b's leave went through the mailbox too: not counted.
        awaitRoomMetric(server, IN, id, 5.0);
        awaitRoomMetric(server, OUT, id, 9.0);
        assertThat(roomMetric(server, ACTIVE, id)).isGreaterThan(0.0);

        try (TestClient c = TestClient.connect(server.port(), other.id())) {
          c.hello(other.id(), other.viewKey());
          awaitRoomMetric(server, IN, other.id(), 1.0);
          awaitRoomMetric(server, OUT, other.id(), 1.0);
        }
        awaitRoomMetric(server, IN, id, 5.0);

        // Hibernated with a still connected: the counts stay, active time stops.
        awaitMetric(server, "tandem_rooms_active", 0.0);
        firstSpan = roomMetric(server, ACTIVE, id);
        assertThat(firstSpan).as("in memory until idle for hibernateAfter").isGreaterThanOrEqualTo(HIBERNATE_AFTER_SECONDS);
        awaitRoomMetric(server, IN, id, 5.0);
        awaitRoomMetric(server, OUT, id, 9.0);
        assertThat(roomMetric(server, ACTIVE, id)).as("no time counted while hibernated").isEqualTo(firstSpan);

        // a's next op reactivates the room: the counters continue where they were.
        a.op(2, 2, insert(0, "zero ", a.clientId));              // in 6; a: ack
        assertThat(a.next(ServerMessage.Ack.class).rev()).isEqualTo(3);
        awaitRoomMetric(server, IN, id, 6.0);
        awaitRoomMetric(server, OUT, id, 10.0);
        assertThat(roomMetric(server, ACTIVE, id)).isGreaterThan(firstSpan);
      }

      // Everyone left: the room hibernates and retires; its final counts stay for the next scrapes.
      awaitMetric(server, "tandem_rooms_active", 0.0);
      awaitRoomMetric(server, IN, id, 6.0);
      awaitRoomMetric(server, OUT, id, 10.0);
      assertThat(roomMetric(server, ACTIVE, id)).as("two spans, each at least hibernateAfter")
          .isGreaterThanOrEqualTo(firstSpan + HIBERNATE_AFTER_SECONDS);
    }
  }
}
