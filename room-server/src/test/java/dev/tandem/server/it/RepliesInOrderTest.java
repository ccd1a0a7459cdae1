package dev.tandem.server.it;

import static dev.tandem.server.it.Edits.insert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.server.RoomServer;
import dev.tandem.server.room.RoomCreator.NewRoom;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * docs/protocol.md §1: the server never reorders frames on a connection. An {@code op} is answered
 * only once its write is durable; an error about a frame sent after it (found while decoding the
 * frame, or by the room) must not overtake that ack. The op's write is held in storage until the
 * server has read the bad frame, so an error sent at once would arrive first.
 */
class RepliesInOrderTest {
  @TempDir Path data;
  final AtomicReference<HeldWritesStore> store = new AtomicReference<>();
  RoomServer server;
  NewRoom room;

  @BeforeEach
  void start() throws Exception {
    server = RoomServer.start(RunningServer.config(data).build(), s -> {
      store.set(new HeldWritesStore(s));
      return store.get();
    });
    room = server.createRoom();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "invalid-json | {\"type\":\"op\",",
      "unknown-type | {\"type\":\"dance\"}",
      "bad-frame    | {\"type\":\"presence\",\"base\":\"one\",\"ranges\":[]}"})
  void anErrorFromDecodingWaitsForTheAckOfTheOpBeforeIt(String code, String badFrame) {
    try (TestClient a = TestClient.connect(server.port(), room.id())) {
      a.hello(room.id(), room.editKey());
      store.get().hold();
      a.op(0, 1, insert(0, "x", a.clientId));
      a.sendRaw(badFrame);
      a.awaitServerRead();
      store.get().release();

      assertThat(a.next()).isEqualTo(new ServerMessage.Ack(1, 1));
      ServerMessage.Error error = a.next(ServerMessage.Error.class);
      assertThat(error.code().wire()).isEqualTo(code);
      assertThat(error.fatal()).isFalse();
      // The connection goes on: the next op is acked.
      a.op(1, 2, insert(1, "y", a.clientId));
      assertThat(a.next()).isEqualTo(new ServerMessage.Ack(2, 2));
    }
  }

  @Test
  void anErrorFromTheRoomWaitsForTheAckOfTheOpBeforeIt() {
    try (TestClient a = TestClient.connect(server.port(), room.id())) {
      a.hello(room.id(), room.editKey());
      store.get().hold();
      a.op(0, 1, insert(0, "x", a.clientId));
      a.chat("x".repeat(RunningServer.TEST_LIMITS.maxChatLength() + 1));
      a.awaitServerRead();
      store.get().release();

      assertThat(a.next()).isEqualTo(new ServerMessage.Ack(1, 1));
      assertThat(a.next(ServerMessage.Error.class).code()).isEqualTo(ErrorCode.CHAT_TOO_LONG);
    }
  }

  @Test
  void withAcksInOpsTheErrorComesAfterTheOpsFrameThatAcksTheOp() {
    try (TestClient a = TestClient.connect(server.port(), room.id())) {
      a.hello(room.id(), room.editKey(), OptionalLong.empty(), true);
      store.get().hold();
      a.op(0, 1, insert(0, "x", a.clientId));
      a.sendRaw("{\"type\":\"dance\"}");
      a.awaitServerRead();
      store.get().release();

      assertThat(a.next(ServerMessage.Ops.class).ops().getFirst().seq()).isEqualTo(1);
      assertThat(a.next(ServerMessage.Error.class).code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
    }
  }

  /**
   * A client that breaks "one op in flight" (§4 rule 6) still gets every answer in the order of
   * its frames: the error about the frame between its two ops comes after the first ack and before
   * the second.
   */
  @Test
  void answersKeepTheOrderOfTheFramesAcrossTwoOpsInFlight() {
    try (TestClient a = TestClient.connect(server.port(), room.id())) {
      a.hello(room.id(), room.editKey());
      store.get().hold();
      a.op(0, 1, insert(0, "x", a.clientId));
      a.sendRaw("{\"type\":\"dance\"}");
      a.op(0, 2, insert(0, "y", a.clientId));
      a.sendRaw("{\"type\":\"op\",");
      a.awaitServerRead();
      store.get().release();

      assertThat(a.next()).isEqualTo(new ServerMessage.Ack(1, 1));
      assertThat(a.next(ServerMessage.Error.class).code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
      assertThat(a.next()).isEqualTo(new ServerMessage.Ack(2, 2));
      assertThat(a.next(ServerMessage.Error.class).code()).isEqualTo(ErrorCode.INVALID_JSON);
    }
  }
}
