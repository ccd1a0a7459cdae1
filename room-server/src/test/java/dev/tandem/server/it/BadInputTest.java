package dev.tandem.server.it;

import static dev.tandem.server.it.Edits.insert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.Ids;
import dev.tandem.protocol.MessageCodec;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.Limits;
import dev.tandem.server.RoomServer;
import dev.tandem.server.room.RoomConfig;
import dev.tandem.server.room.RoomCreator.NewRoom;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input of the room-server issue, each against a room where another editor is
 * connected: the typed error frame, the connection closed only when the code is fatal (with its
 * close code), the room unchanged, and the other client still committing afterwards.
 */
class BadInputTest {
  static final int MAX_FRAME = 16 * 1024;
  static final int MAX_DOC = 200;
  static final int MAX_CLIENTS = 3;
  static final int FRAMES_PER_SECOND = 20;

  @TempDir static Path data;
  static RoomServer server;

  NewRoom room;
  TestClient other;
  long otherSeq;
  long rev;

  @BeforeAll
  static void start() {
    Limits limits = new Limits(MAX_FRAME, MAX_DOC, MAX_CLIENTS, FRAMES_PER_SECOND, 4_000);
    server = RunningServer.start(RunningServer.config(data).rooms(RoomConfig.DEFAULTS.withLimits(limits)).build());
  }

  @AfterAll
  static void stop() {
    RunningServer.stop(server);
  }

  @BeforeEach
  void roomWithAnEditor() {
    room = server.createRoom();
    other = TestClient.connect(server.port(), room.id());
    other.hello(room.id(), room.editKey());
    otherEdits("hello");
  }

  @AfterEach
  void otherStillWorksAndTheRoomIsUnchanged() {
    String before = CommitRulesTestSnapshot.of(room, server).plainText();
    otherEdits("!");
    assertThat(CommitRulesTestSnapshot.of(room, server).plainText()).isEqualTo(before.replace("\n", "!\n"));
    other.close();
  }

  /** The other client appends text at the end and waits for its ack. */
  private void otherEdits(String text) {
    Delta doc = CommitRulesTestSnapshot.of(room, server);
    other.op(rev, ++otherSeq, insert(doc.length() - 1, text, other.clientId));
    assertThat(other.skipTo(ServerMessage.Ack.class).rev()).isEqualTo(++rev);
  }

  private TestClient joined(String key) {
    TestClient bad = TestClient.connect(server.port(), room.id());
    bad.hello(room.id(), key);
    return bad;
  }

  private static void expectNonFatal(TestClient bad, ErrorCode code, OptionalLong seq) {
    ServerMessage.Error error = bad.nextError();
    assertThat(error.code()).isEqualTo(code);
    assertThat(error.fatal()).isFalse();
    assertThat(error.seq()).isEqualTo(seq);
  }

  private static void expectFatal(TestClient bad, ErrorCode code) {
    ServerMessage.Error error = bad.nextError();
    assertThat(error.code()).isEqualTo(code);
    assertThat(error.fatal()).isTrue();
    assertThat(bad.awaitClose()).isEqualTo(code.closeCode());
  }

  /** After a non-fatal error the offender itself keeps its connection: a chat round trip works. */
  private static void stillConnected(TestClient bad) {
    bad.chat("still here");
    assertThat(bad.skipTo(ServerMessage.Chat.class).text()).isEqualTo("still here");
  }

  private void nonFatalFrame(String frame, ErrorCode code, OptionalLong seq) {
    try (TestClient bad = joined(room.editKey())) {
      bad.sendRaw(frame);
      expectNonFatal(bad, code, seq);
      stillConnected(bad);
    }
  }

  @Test
  void invalidJson() {
    nonFatalFrame("{\"type\":\"op\",", ErrorCode.INVALID_JSON, OptionalLong.empty());
  }

  @Test
  void unknownType() {
    nonFatalFrame("{\"type\":\"dance\"}", ErrorCode.UNKNOWN_TYPE, OptionalLong.empty());
  }

  @Test
  void wrongFieldTypes() {
    // An op the codec could read a seq from is named in the error (the client treats it as rejected).
    nonFatalFrame("{\"type\":\"op\",\"base\":\"one\",\"seq\":1,\"delta\":{\"ops\":[]}}", ErrorCode.BAD_FRAME, OptionalLong.of(1));
    nonFatalFrame("{\"type\":\"chat\",\"text\":7}", ErrorCode.BAD_FRAME, OptionalLong.empty());
    nonFatalFrame("{\"type\":\"op\",\"base\":0,\"seq\":2,\"delta\":{\"ops\":[{\"retain\":1.5}]}}", ErrorCode.BAD_DELTA, OptionalLong.of(2));
  }

  @Test
  void unsupportedProtocolVersion() {
    try (TestClient bad = TestClient.connect(server.port(), room.id())) {
      ClientMessage.Hello hello = TestClient.helloMessage(room.id(), room.editKey(), bad.clientId, OptionalLong.empty());
      bad.send(new ClientMessage.Hello(2, hello.room(), hello.key(), hello.clientId(), hello.user(), hello.since()));
      expectFatal(bad, ErrorCode.UNSUPPORTED_VERSION);
    }
  }

  @Test
  void opBeforeHello() {
    try (TestClient bad = TestClient.connect(server.port(), room.id())) {
      bad.op(0, 1, insert(0, "x", bad.clientId));
      expectFatal(bad, ErrorCode.NOT_JOINED);
    }
  }

  @Test
  void unknownRoomAndMalformedRoomId() {
    String never = Ids.random();
    try (TestClient bad = TestClient.connect(server.port(), never)) {
      bad.send(TestClient.helloMessage(never, room.editKey(), bad.clientId, OptionalLong.empty()));
      expectFatal(bad, ErrorCode.UNKNOWN_ROOM);
    }
    assertThat(TestClient.refusedUpgradeStatus(server.port(), "/rooms/not-a-room")).isEqualTo(404);
    assertThat(TestClient.refusedUpgradeStatus(server.port(), "/rooms/" + room.id().toUpperCase())).isEqualTo(404);
  }

  @Test
  void wrongKey() {
    try (TestClient bad = TestClient.connect(server.port(), room.id())) {
      bad.send(TestClient.helloMessage(room.id(), Ids.random(), bad.clientId, OptionalLong.empty()));
      expectFatal(bad, ErrorCode.BAD_KEY);
    }
    try (TestClient bad = TestClient.connect(server.port(), room.id())) {
      bad.send(TestClient.helloMessage(room.id(), "not a key", bad.clientId, OptionalLong.empty()));
      expectFatal(bad, ErrorCode.BAD_KEY);
    }
  }

  @Test
  void opFromAViewer() {
    try (TestClient viewer = joined(room.viewKey())) {
      viewer.op(rev, 3, insert(0, "x", viewer.clientId));
      expectNonFatal(viewer, ErrorCode.FORBIDDEN, OptionalLong.of(3));
      stillConnected(viewer);
    }
  }

  @Test
  void deltaLongerThanTheDocument() {
    try (TestClient bad = joined(room.editKey())) {
      bad.op(rev, 1, Delta.builder().retain(50).insert("x").build());
      expectNonFatal(bad, ErrorCode.LENGTH_MISMATCH, OptionalLong.of(1));
      stillConnected(bad);
    }
  }

  @Test
  void opWithABaseAboveTheHeadRevisionIsFatal() {
    try (TestClient bad = joined(room.editKey())) {
      bad.op(rev + 1, 1, insert(0, "from the future", bad.clientId));
      expectFatal(bad, ErrorCode.BAD_BASE); // docs/protocol.md §4: base > head
    }
  }

  @Test
  void deltaThatDoesNotFitAfterItsTransformation() {
    // Made at an older revision (base < head), so the room transforms it against the op committed
    // since; it is too long for its document, and still too long after the transform.
    long base = rev;
    int length = CommitRulesTestSnapshot.of(room, server).length();
    otherEdits(" world");
    try (TestClient bad = joined(room.editKey())) {
      bad.op(base, 1, Delta.builder().retain(length + 3).insert("x").build());
      expectNonFatal(bad, ErrorCode.LENGTH_MISMATCH, OptionalLong.of(1));
      stillConnected(bad);
    }
  }

  @Test
  void deltaWhoseLengthsOverflowInItsTransformation() {
    // Lengths within 2^31 − 1 as sent (the codec's rule), beyond it once the transform adds the
    // text inserted since the op's base: it fits no document. Both transform paths: a point edit
    // (retain, insert) and a general one (a formatting retain).
    long base = rev;
    otherEdits(" world");
    try (TestClient bad = joined(room.editKey())) {
      bad.op(base, 1, Delta.builder().retain(Integer.MAX_VALUE - 1).insert("x").build());
      expectNonFatal(bad, ErrorCode.LENGTH_MISMATCH, OptionalLong.of(1));
      bad.op(base, 2, Delta.builder().retain(Integer.MAX_VALUE - 2)
          .retain(1, dev.tandem.ot.Attributes.of("bold", true)).build());
      expectNonFatal(bad, ErrorCode.LENGTH_MISMATCH, OptionalLong.of(2));
      stillConnected(bad);
    }
  }

  @Test
  void presenceBeyondTheDocumentMadeAtAnOlderRevision() {
    // A viewer may send presence. A position past the end moved through the text inserted since
    // its base passes 2^31 − 1: it is clamped to the document like any position past the end
    // (docs/protocol.md §7), not an exception that takes the room down.
    long base = rev;
    otherEdits(" world");
    int length = CommitRulesTestSnapshot.of(room, server).length();
    try (TestClient viewer = joined(room.viewKey())) {
      viewer.presence(base, new dev.tandem.protocol.Values.Range(Integer.MAX_VALUE, 0));
      assertThat(other.skipTo(ServerMessage.Presence.class).ranges())
          .containsExactly(new dev.tandem.protocol.Values.Range(length, 0));
      stillConnected(viewer);
    }
  }

  @Test
  void deltaDeletingTheFinalNewline() {
    try (TestClient bad = joined(room.editKey())) {
      bad.op(rev, 1, Delta.builder().retain(5).delete(1).build()); // "hello\n": the newline
      expectNonFatal(bad, ErrorCode.LENGTH_MISMATCH, OptionalLong.of(1));
      stillConnected(bad);
    }
  }

  @Test
  void deltaInsertingAfterTheFinalNewline() {
    // A document always ends with "\n" (docs/protocol.md §3); text after it would leave the room a
    // document that clients refuse to load.
    try (TestClient bad = joined(room.editKey())) {
      bad.op(rev, 1, Delta.builder().retain(6).insert("x").build()); // "hello\n": after the newline
      expectNonFatal(bad, ErrorCode.LENGTH_MISMATCH, OptionalLong.of(1));
      stillConnected(bad);
    }
  }

  @Test
  void frameOverTheLimit() {
    try (TestClient bad = joined(room.editKey())) {
      bad.chat("x".repeat(MAX_FRAME + 1));
      assertThat(bad.awaitClose()).isEqualTo(1009);
    }
  }

  @Test
  void documentOverTheSizeLimit() {
    try (TestClient bad = joined(room.editKey())) {
      bad.op(rev, 1, insert(0, "x".repeat(MAX_DOC), bad.clientId));
      expectNonFatal(bad, ErrorCode.DOC_TOO_LARGE, OptionalLong.of(1));
      stillConnected(bad);
    }
  }

  @Test
  void moreClientsThanTheRoomAllows() {
    try (TestClient second = joined(room.viewKey()); TestClient third = joined(room.viewKey());
         TestClient fourth = TestClient.connect(server.port(), room.id())) {
      fourth.send(TestClient.helloMessage(room.id(), room.viewKey(), fourth.clientId, OptionalLong.empty()));
      expectFatal(fourth, ErrorCode.ROOM_FULL);
    }
  }

  @Test
  void floodBeyondThePerConnectionRate() throws Exception {
    // A plain-socket client (see RawFloodClient for why not the JDK one): hello and then ten
    // seconds' worth of presence frames in one write, far beyond the bucket (burst 4 ×
    // FRAMES_PER_SECOND), then it only reads.
    try (RawFloodClient bad = new RawFloodClient(server.port(), room.id())) {
      java.util.List<String> frames = new java.util.ArrayList<>();
      frames.add(MessageCodec.encode(TestClient.helloMessage(room.id(), room.viewKey(),
          dev.tandem.protocol.Ids.random(), OptionalLong.empty())));
      String presence = MessageCodec.encode(new ClientMessage.Presence(0, java.util.List.of()));
      for (int i = 0; i < 10 * FRAMES_PER_SECOND; i++) {
        frames.add(presence);
      }
      bad.sendAll(frames);
      RawFloodClient.Received received = bad.readUntilClosed();
      ServerMessage.Error error = received.messages().stream()
          .filter(ServerMessage.Error.class::isInstance).map(ServerMessage.Error.class::cast)
          .findFirst().orElseThrow(() -> new AssertionError("no error frame; received " + received));
      assertThat(error.code()).isEqualTo(ErrorCode.RATE_LIMITED);
      assertThat(error.fatal()).isTrue();
      assertThat(received.closeCode()).as("close frame after the error").isEqualTo(ErrorCode.RATE_LIMITED.closeCode());
    }
  }

  @Test
  void binaryFrameIsAPolicyViolation() {
    try (TestClient bad = joined(room.editKey())) {
      bad.sendBinary(new byte[] {1, 2, 3});
      assertThat(bad.awaitClose()).isEqualTo(1008);
    }
  }

}
