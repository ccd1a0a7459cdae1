package dev.tandem.server.it;

import static dev.tandem.server.it.Edits.delete;
import static dev.tandem.server.it.Edits.insert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.CommittedOp;
import dev.tandem.server.RoomServer;
import dev.tandem.server.room.RoomConfig;
import dev.tandem.server.room.RoomCreator.NewRoom;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit rules of docs/protocol.md §4 over real sockets: version gate, idempotence, catch-up. */
class CommitRulesTest {
  static final int MAX_CATCH_UP = 3;

  @TempDir static Path data;
  static RoomServer server;

  @BeforeAll
  static void start() {
    // Two ops in memory, so catch-up and transforms also read storage; a reconnect more than
    // three ops behind gets a snapshot.
    RoomConfig rooms = new RoomConfig(RunningServer.TEST_LIMITS, 2, 1_000, MAX_CATCH_UP,
        RoomConfig.DEFAULTS.hibernateAfter());
    server = RunningServer.start(RunningServer.config(data).rooms(rooms).build());
  }

  @AfterAll
  static void stop() {
    RunningServer.stop(server);
  }

  @Test
  void staleOpIsTransformedAgainstTheOpsSinceItsBase() {
    NewRoom room = server.createRoom();
    try (TestClient a = TestClient.connect(server.port(), room.id());
         TestClient b = TestClient.connect(server.port(), room.id())) {
      a.hello(room.id(), room.editKey());
      b.hello(room.id(), room.editKey());
      a.skipTo(ServerMessage.Peer.class);
      a.op(0, 1, insert(0, "hello world", a.clientId));
      assertThat(a.next(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(1, 1));
      assertThat(b.next(ServerMessage.Ops.class).ops()).extracting(CommittedOp::rev).containsExactly(1L);

      a.op(1, 2, delete(0, 6)); // "world\n"
      assertThat(a.next(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(2, 2));
      // b has not applied rev 2: it appends "!" after "world" at base 1.
      b.op(1, 1, insert(11, "!", b.clientId));

      CommittedOp seen = a.next(ServerMessage.Ops.class).ops().getFirst();
      assertThat(seen).isEqualTo(new CommittedOp(3, b.clientId, 1, insert(5, "!", b.clientId)));
      assertThat(b.skipTo(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(1, 3));
      assertThat(snapshot(room).plainText()).isEqualTo("world!\n");
    }
  }

  @Test
  void aParagraphAddedAfterTheFinalNewlineAndItsUndoAreCommitted() {
    // What the app sends for a new line below a last heading or list item: that line keeps its own
    // newline (and attributes), and the document still ends with "\n" (docs/protocol.md §3, "fit").
    // Text after the final newline that does not end with one is refused (BadInputTest).
    NewRoom room = server.createRoom();
    try (TestClient a = TestClient.connect(server.port(), room.id())) {
      a.hello(room.id(), room.editKey());
      // "Title" as a heading: the document's final newline carries the heading.
      a.op(0, 1, Delta.builder().insert("Title").retain(1, Attributes.of("header", 1)).build());
      assertThat(a.skipTo(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(1, 1));
      a.op(1, 2, Delta.builder().retain(6).insert("x").insert("\n", Attributes.of("list", "bullet")).build());
      assertThat(a.skipTo(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(2, 2));
      // Its undo deletes the final "\n", leaving the heading's newline last: also fits.
      a.op(2, 3, Delta.builder().retain(6).delete(2).build());
      assertThat(a.skipTo(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(3, 3));
      // Text left after the heading's newline without one of its own does not.
      a.op(3, 4, Delta.builder().retain(5).delete(1).build());
      assertThat(a.skipTo(ServerMessage.Error.class).code()).isEqualTo(ErrorCode.LENGTH_MISMATCH);
      a.op(3, 5, Delta.builder().retain(6).insert("x").insert("\n", Attributes.of("list", "bullet")).build());
      assertThat(a.skipTo(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(5, 4));
    }
    try (TestClient c = TestClient.connect(server.port(), room.id())) {
      Delta doc = c.hello(room.id(), room.viewKey()).doc().orElseThrow();
      assertThat(doc.ops().stream().map(op -> ((dev.tandem.ot.Op.Insert) op).text()).reduce("", String::concat))
          .isEqualTo("Title\nx\n");
    }
  }

  @Test
  void aForgedAuthorIsReplacedByTheSendersClientId() {
    NewRoom room = server.createRoom();
    String aId;
    try (TestClient a = TestClient.connect(server.port(), room.id());
         TestClient b = TestClient.connect(server.port(), room.id())) {
      aId = a.clientId;
      a.hello(room.id(), room.editKey());
      b.hello(room.id(), room.editKey());
      // a claims b wrote its insert, and tries to re-attribute text through a retain
      a.op(0, 1, Delta.builder().insert("forged", Attributes.of("author", b.clientId, "bold", true)).build());
      assertThat(a.skipTo(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(1, 1));
      assertThat(b.skipTo(ServerMessage.Ops.class).ops().getFirst().delta())
          .isEqualTo(Delta.builder().insert("forged", Attributes.of("author", a.clientId, "bold", true)).build());
      a.op(1, 2, Delta.builder().retain(6, Attributes.of("author", b.clientId, "italic", true)).build());
      assertThat(a.skipTo(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(2, 2));
      assertThat(b.skipTo(ServerMessage.Ops.class).ops().getFirst().delta())
          .isEqualTo(Delta.builder().retain(6, Attributes.of("italic", true)).build());
    }
    // Stored that way: a joiner's document says a wrote it.
    try (TestClient c = TestClient.connect(server.port(), room.id())) {
      assertThat(c.hello(room.id(), room.viewKey()).doc().orElseThrow()).isEqualTo(Delta.builder()
          .insert("forged", Attributes.of(java.util.Map.of("author", aId, "bold", true, "italic", true)))
          .insert("\n").build());
    }
  }

  @Test
  void duplicateResendIsAckedWithTheOriginalRevisionAndNeverCommittedTwice() {
    NewRoom room = server.createRoom();
    try (TestClient watcher = TestClient.connect(server.port(), room.id())) {
      watcher.hello(room.id(), room.viewKey());
      TestClient a = TestClient.connect(server.port(), room.id());
      a.hello(room.id(), room.editKey());
      Delta first = insert(0, "a", a.clientId);

      a.op(0, 1, first);
      assertThat(a.next(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(1, 1));
      a.op(0, 1, first); // resend on the same connection
      assertThat(a.next(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(1, 1));
      a.op(1, 2, insert(1, "b", a.clientId));
      assertThat(a.next(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(2, 2));
      a.op(0, 1, first); // an older seq than the last: answered from storage
      assertThat(a.next(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(1, 1));

      // Reconnect on a new connection with the same clientId; resend seq 2 with its original base.
      a.close();
      TestClient again = TestClient.connect(server.port(), room.id(), a.clientId);
      ServerMessage.Welcome welcome = again.hello(room.id(), room.editKey(), OptionalLong.of(1));
      assertThat(welcome.ops().orElseThrow()).extracting(CommittedOp::seq).containsExactly(2L);
      again.op(1, 2, insert(1, "b", a.clientId));
      assertThat(again.next(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(2, 2));
      again.op(2, 3, insert(2, "c", a.clientId));
      assertThat(again.next(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(3, 3));
      again.close();

      // The watcher saw each op exactly once, in order.
      List<Long> revs = new java.util.ArrayList<>();
      while (revs.size() < 3) {
        watcher.skipTo(ServerMessage.Ops.class).ops().forEach(op -> revs.add(op.rev()));
      }
      assertThat(revs).containsExactly(1L, 2L, 3L);
      assertThat(snapshot(room).plainText()).isEqualTo("abc\n");
    }
  }

  @Test
  void aSeqBelowTheLastCommittedThatWasNeverCommittedIsRejected() {
    NewRoom room = server.createRoom();
    try (TestClient a = TestClient.connect(server.port(), room.id())) {
      a.hello(room.id(), room.editKey());
      a.op(0, 5, insert(0, "a", a.clientId));
      assertThat(a.next(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(5, 1));
      a.op(1, 4, insert(0, "z", a.clientId));
      ServerMessage.Error error = a.next(ServerMessage.Error.class);
      assertThat(error.code()).isEqualTo(ErrorCode.BAD_FRAME);
      assertThat(error.seq()).hasValue(4);
      assertThat(error.fatal()).isFalse();
      a.op(1, 6, insert(1, "b", a.clientId));
      assertThat(a.next(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(6, 2));
      assertThat(snapshot(room).plainText()).isEqualTo("ab\n");
    }
  }

  @Test
  void reconnectCatchesUpWithOpsOrASnapshotWhenTooFarBehind() {
    NewRoom room = server.createRoom();
    try (TestClient a = TestClient.connect(server.port(), room.id())) {
      a.hello(room.id(), room.editKey());
      for (int i = 0; i < 5; i++) {
        a.op(i, i + 1, insert(i, "x", a.clientId));
        assertThat(a.next(ServerMessage.Ack.class).rev()).isEqualTo(i + 1);
      }
      // 2 behind: ops from memory.
      assertThat(catchUp(room, 3)).containsExactly(
          new CommittedOp(4, a.clientId, 4, insert(3, "x", a.clientId)),
          new CommittedOp(5, a.clientId, 5, insert(4, "x", a.clientId)));
      // 3 behind (the limit): rev 3 comes from storage.
      assertThat(catchUp(room, 2)).extracting(CommittedOp::rev).containsExactly(3L, 4L, 5L);
      assertThat(catchUp(room, 2)).extracting(CommittedOp::clientId).containsOnly(a.clientId);
      assertThat(catchUp(room, 5)).isEmpty();
      // Too far behind, or a revision the room never had: the document instead.
      for (long since : new long[] {1, 0, 6, 99}) {
        try (TestClient b = TestClient.connect(server.port(), room.id())) {
          ServerMessage.Welcome w = b.hello(room.id(), room.viewKey(), OptionalLong.of(since));
          assertThat(w.ops()).as("since %d", since).isEmpty();
          assertThat(w.rev()).isEqualTo(5);
          assertThat(w.doc().orElseThrow().plainText()).isEqualTo("xxxxx\n");
        }
      }
    }
  }

  private List<CommittedOp> catchUp(NewRoom room, long since) {
    try (TestClient b = TestClient.connect(server.port(), room.id())) {
      ServerMessage.Welcome w = b.hello(room.id(), room.viewKey(), OptionalLong.of(since));
      assertThat(w.rev()).isEqualTo(5);
      return w.ops().orElseThrow(() -> new AssertionError("expected ops since " + since + ", got a snapshot"));
    }
  }

  /** The server's document, as a newcomer's welcome shows it. */
  static Delta snapshot(NewRoom room) {
    try (TestClient c = TestClient.connect(server.port(), room.id())) {
      return c.hello(room.id(), room.viewKey()).doc().orElseThrow();
    }
  }
}
