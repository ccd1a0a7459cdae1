package dev.tandem.server.it;

import static dev.tandem.server.it.Edits.delete;
import static dev.tandem.server.it.Edits.insert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.Ids;
import dev.tandem.protocol.MessageCodec;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.Limits;
import dev.tandem.protocol.Values.PeerState;
import dev.tandem.protocol.Values.Range;
import dev.tandem.server.RoomServer;
import dev.tandem.server.room.RoomConfig;
import dev.tandem.server.room.RoomCreator.NewRoom;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A client that stops reading cannot make the server hold an unbounded queue for it: once more
 * than {@code maxOutboundBytes} (or 1,024 frames) would wait to be written to it, the server drops
 * it ({@code slow-consumer}, docs/protocol.md §1 and §8) and everyone else carries on.
 *
 * <p>The stalled client is a plain socket with a small fixed receive buffer ({@link
 * RawFloodClient}): it reads nothing while the room pushes frames at it, and drains its socket
 * only after the others saw it leave. (A paused JDK client sometimes never reports the end of
 * such a connection; see {@link RawFloodClient}.) Each test checks what the stalled client sees,
 * the server's queue for it (through {@code /metrics}), and that the room carries on.
 */
class SlowConsumerTest {
  /** docs/protocol.md §8: frames queued to one connection beyond which it is a slow consumer. */
  static final int MAX_OUTBOUND_FRAMES = 1_024;
  /** The stalled client's receive buffer; the kernel lets it hold about twice this. */
  static final int STALLED_RECEIVE_BUFFER = 64 * 1024;
  /** Generous bound on each read of the stalled client: a dropped connection ends at once. */
  static final int READ_TIMEOUT_MILLIS = 30_000;

  @TempDir Path data;

  @Test
  void aWelcomeLargerThanTheBoundIsSentWhole() {
    // One frame alone is not a pile-up: a room whose document is larger than the bound can be joined.
    long bound = 64 * 1024;
    RoomServer server = RunningServer.start(RunningServer.config(data).maxOutboundBytes(bound).build());
    String text = "y".repeat(300_000) + "\n";
    NewRoom room = server.createRoom(Delta.document(text));
    try (TestClient reader = TestClient.connect(server.port(), room.id())) {
      ServerMessage.Welcome welcome = reader.hello(room.id(), room.editKey());
      assertThat(welcome.doc()).contains(Delta.document(text));
    } finally {
      RunningServer.stop(server);
    }
  }

  @Test
  void framesQueuedBehindAWelcomeLargerThanTheBoundAreHeldToTheBoundOnTheirOwn() throws IOException {
    // A joiner of a large room, on a slow link, is still taking its welcome when the room's next
    // ops are broadcast: those few frames must not make it a slow consumer (it would rejoin, get
    // the same welcome and be dropped again, for ever). Here it does not read at all, so its
    // 8 MB welcome stays queued while the editor commits.
    long bound = 64 * 1024;
    RoomConfig rooms = RoomConfig.DEFAULTS.withLimits(new Limits(1 << 20, 10_000_000, 50, 10_000, 4_000));
    RoomServer server = RunningServer.start(RunningServer.config(data).rooms(rooms).maxOutboundBytes(bound).build());
    NewRoom room = server.createRoom(Delta.document("y".repeat(8_000_000) + "\n"));
    try (TestClient editor = TestClient.connect(server.port(), room.id());
         RawFloodClient stalled = new RawFloodClient(server.port(), room.id(), STALLED_RECEIVE_BUFFER,
             READ_TIMEOUT_MILLIS)) {
      joinWithoutReading(stalled, editor, room);
      for (int i = 0; i < 5; i++) {
        editor.op(i, i + 1, insert(0, "z", editor.clientId));
        assertThat(editor.skipTo(ServerMessage.Ack.class).rev()).isEqualTo(i + 1);
      }
      assertThat(RunningServer.metric(server, "tandem_slow_consumers_total")).isZero();
      assertThat(RunningServer.metric(server, "tandem_connections")).isEqualTo(2.0);
    } finally {
      RunningServer.stop(server);
    }
  }

  @Test
  void aClientThatStopsReadingLargeOpsIsDroppedAndTheRoomCarriesOn() throws IOException {
    long bound = 256 * 1024;
    RoomServer server = RunningServer.start(RunningServer.config(data).maxOutboundBytes(bound).build());
    NewRoom room = server.createRoom();
    try (TestClient editor = TestClient.connect(server.port(), room.id());
         RawFloodClient stalled = new RawFloodClient(server.port(), room.id(), STALLED_RECEIVE_BUFFER,
             READ_TIMEOUT_MILLIS)) {
      String stalledId = joinWithoutReading(stalled, editor, room);

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
      assertThat(left).as("the stalled client was dropped after at most 200 large ops").isNotNull();
      assertThat(left.clientId()).isEqualTo(stalledId);

      // One frame: the block and its JSON envelope (well under 1 KiB). The queue holds at most the
      // bound, or one frame alone when that frame is larger than the bound.
      long largestFrame = block.length() + 1024;
      assertDroppedWithABoundedQueue(server, stalled, Math.max(bound, largestFrame));

      // The room is unharmed: the editor keeps committing.
      editor.op(rev, seq, insert(0, "still here", editor.clientId));
      assertThat(editor.next(ServerMessage.Ack.class).rev()).isEqualTo(rev + 1);
    } finally {
      RunningServer.stop(server);
    }
  }

  /**
   * Many small frames (presence, a few KB each, thousands of them) respect the bound too: the byte
   * bound when it is small, else the bound of 1,024 frames (4 MiB default: 1,024 frames of 2.6 KB
   * are 2.7 MB, so the frame count is what stops them).
   */
  @ParameterizedTest(name = "bound {0} bytes, presence frames of {1} ranges")
  @CsvSource({"65536, 50", "4194304, 100"})
  void manySmallFramesRespectTheBound(long bound, int rangesPerFrame) throws IOException {
    RoomServer server = RunningServer.start(RunningServer.config(data).maxOutboundBytes(bound).build());
    NewRoom room = server.createRoom(Delta.document("z".repeat(1_000) + "\n"));
    try (TestClient editor = TestClient.connect(server.port(), room.id());
         RawFloodClient stalled = new RawFloodClient(server.port(), room.id(), STALLED_RECEIVE_BUFFER,
             READ_TIMEOUT_MILLIS)) {
      String stalledId = joinWithoutReading(stalled, editor, room);

      // Two selections whose frames have the same length; alternating them, every presence the
      // editor sends differs from its last one, so the room forwards each to the stalled client.
      List<List<Range>> selections = List.of(ranges(rangesPerFrame, 0), ranges(rangesPerFrame, 1));
      long frameBytes = MessageCodec.encode(new ServerMessage.Presence(editor.clientId, 0, selections.get(0)))
          .getBytes(StandardCharsets.UTF_8).length;
      assertThat(MessageCodec.encode(new ServerMessage.Presence(editor.clientId, 0, selections.get(1)))
          .getBytes(StandardCharsets.UTF_8)).hasSize((int) frameBytes);

      ServerMessage.Peer left = null;
      int sent = 0;
      // Within the test limits' burst (40,000 frames); socket buffers hold a few MB, i.e. some
      // thousands of these frames, before the server's queue fills.
      while (left == null && sent < 30_000) {
        editor.send(new ClientMessage.Presence(0, selections.get(sent % 2)));
        sent++;
        for (ServerMessage m = editor.poll(); m != null; m = editor.poll()) {
          if (m instanceof ServerMessage.Peer peer && peer.state() == PeerState.LEFT) {
            left = peer;
          }
        }
      }
      assertThat(left).as("the stalled client was dropped after %d presence frames", sent).isNotNull();
      assertThat(left.clientId()).isEqualTo(stalledId);

      assertDroppedWithABoundedQueue(server, stalled, Math.min(bound, MAX_OUTBOUND_FRAMES * frameBytes));

      // The room is unharmed: the editor keeps committing.
      editor.op(0, 1, insert(0, "still here", editor.clientId));
      assertThat(editor.skipTo(ServerMessage.Ack.class).rev()).isEqualTo(1);
    } finally {
      RunningServer.stop(server);
    }
  }

  /**
   * Joins the stalled client (which then reads nothing) and the editor; returns the stalled
   * client's id once the editor knows it is in the room.
   */
  private static String joinWithoutReading(RawFloodClient stalled, TestClient editor, NewRoom room) throws IOException {
    String stalledId = Ids.random();
    stalled.sendAll(List.of(MessageCodec.encode(
        TestClient.helloMessage(room.id(), room.editKey(), stalledId, OptionalLong.empty()))));
    ServerMessage.Welcome welcome = editor.hello(room.id(), room.editKey());
    if (welcome.peers().stream().noneMatch(p -> p.clientId().equals(stalledId))) {
      assertThat(editor.skipTo(ServerMessage.Peer.class).clientId()).isEqualTo(stalledId);
    }
    return stalledId;
  }

  /** {@code n} ranges with three-digit positions; {@code shift} moves every head by one. */
  private static List<Range> ranges(int n, int shift) {
    List<Range> ranges = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ranges.add(new Range(100 + 8 * i, 100 + 8 * i + shift));
    }
    return ranges;
  }

  /**
   * After the others saw the stalled client leave: its queue never held more than {@code
   * maxQueued} bytes and is released; the connection is counted out and as a slow consumer; and
   * the stalled client, draining its socket now, finds the end right after what its own receive
   * buffer held.
   */
  private static void assertDroppedWithABoundedQueue(RoomServer server, RawFloodClient stalled, long maxQueued)
      throws IOException {
    RunningServer.awaitMetric(server, "tandem_connections", 1);
    assertThat(RunningServer.metric(server, "tandem_slow_consumers_total")).isEqualTo(1.0);
    // Recorded when the stalled connection closed (before the connection count went down); the
    // editor's connection is still open, so this is the stalled connection's peak.
    double peak = RunningServer.metric(server, "tandem_outbound_queue_peak_bytes_max");
    assertThat(peak).as("the most the server queued for the stalled client").isGreaterThan(0)
        .isLessThanOrEqualTo(maxQueued);
    // Every frame that was still queued for it was dropped, and its bytes released.
    RunningServer.awaitMetric(server, "tandem_outbound_queued_bytes", 0);

    // The stalled client reads again: what its socket held, then the end. No close frame (it would
    // have been queued behind the unread frames) and nothing of what the server's own socket
    // buffer held for it: the server reset the connection instead of leaving MBs queued behind a
    // FIN (docs/protocol.md §1). A read that waits READ_TIMEOUT_MILLIS fails the test.
    RawFloodClient.Received drained = stalled.readUntilClosed();
    assertThat(drained.closeCode()).as("the connection ends without a close frame").isEqualTo(-1);
    assertThat(drained.textBytes()).as("what the stalled client still reads: its own receive buffer only")
        .isLessThanOrEqualTo(4L * STALLED_RECEIVE_BUFFER);
  }
}
