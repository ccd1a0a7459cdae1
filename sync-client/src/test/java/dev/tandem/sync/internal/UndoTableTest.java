package dev.tandem.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.Ids;
import dev.tandem.protocol.Role;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.CommittedOp;
import dev.tandem.protocol.Values.Limits;
import dev.tandem.protocol.Values.PeerInfo;
import dev.tandem.protocol.Values.User;
import dev.tandem.sync.ChangeOrigin;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Undo and redo of own changes against interleaved remote edits, on a {@link SessionCore} fed
 * server frames by hand. Each case is a row: local edits, remote edits, undo/redo, expected text.
 */
class UndoTableTest {
  static final String OTHER = Ids.random();
  final List<ClientMessage> sent = new ArrayList<>();
  long clock = 0;
  long rev = 0;
  final SessionCore core = new SessionCore(Ids.random(), Ids.random(), new User("me", "#000000"),
      Ids.random(), null, new UndoStack(1_000, 100), () -> clock, new SessionCore.Output() {
        @Override
        public boolean send(ClientMessage message) {
          sent.add(message);
          return true;
        }

        @Override
        public void deliver(Delta change, ChangeOrigin origin) {}
      });

  UndoTableTest() {
    PeerInfo you = new PeerInfo(core.clientId(), new User("me", "#000000"), Role.EDIT);
    core.onMessage(ServerMessage.Welcome.snapshot(0, Delta.document("\n"), you, List.of(), List.of(),
        Limits.DEFAULTS));
  }

  void local(Delta d) {
    core.localEdit(d);
    clock += 5_000; // every local edit its own undo group unless a test says otherwise
  }

  void remote(Delta d) {
    rev++;
    // a remote op is made on the server's document: our pending ops are not in it
    core.onMessage(new ServerMessage.Ops(List.of(new CommittedOp(rev, OTHER, rev, d))));
  }

  void ackAll() {
    while (core.state().pendingOps() > 0) {
      ClientMessage.Submit s = (ClientMessage.Submit) sent.stream()
          .filter(m -> m instanceof ClientMessage.Submit).reduce((a, b) -> b).orElseThrow();
      rev++;
      core.onMessage(new ServerMessage.Ack(s.seq(), rev));
    }
  }

  String text() {
    return core.localDocument().text();
  }

  @Test
  void undoAfterARemoteInsertInsideOurTextKeepsTheirText() {
    local(Delta.builder().insert("abc").build());
    ackAll();
    remote(Delta.builder().retain(1).insert("X").build());
    assertThat(text()).isEqualTo("aXbc\n");
    core.undo();
    assertThat(text()).isEqualTo("X\n");
    core.redo();
    assertThat(text()).isEqualTo("aXbc\n");
  }

  @Test
  void undoWhileOurOpIsInFlightAndRemoteEditsArrive() {
    local(Delta.builder().insert("hello").build()); // in flight, not acked
    remote(Delta.builder().insert("THEIRS ").build());
    assertThat(text()).isEqualTo("THEIRS hello\n");
    core.undo();
    assertThat(text()).isEqualTo("THEIRS \n");
    ackAll();
    assertThat(core.localDocument().toDelta()).isEqualTo(core.serverDocument().toDelta());
  }

  @Test
  void undoOfFormattingLeavesOtherTextAlone() {
    local(Delta.builder().insert("abcd").build());
    ackAll();
    local(Delta.builder().retain(1).retain(2, Attributes.of("bold", true)).build());
    remote(Delta.builder().retain(2).insert("Z", Attributes.of("italic", true)).build());
    assertThat(text()).isEqualTo("abZcd\n");
    core.undo();
    Delta doc = core.localDocument().toDelta();
    assertThat(doc.toString()).doesNotContain("bold");
    assertThat(doc.toString()).contains("italic");
    assertThat(text()).isEqualTo("abZcd\n");
  }

  @Test
  void undoOfOurDeleteRestoresOnlyWhatWeDeleted() {
    remote(Delta.builder().insert("theirs").build());
    local(Delta.builder().retain(1).delete(3).build()); // "ts"
    remote(Delta.builder().insert(">").build());
    assertThat(text()).isEqualTo(">trs\n");
    core.undo();
    assertThat(text()).isEqualTo(">theirs\n");
  }

  @Test
  void typingBurstIsOneGroupAndAPauseStartsAnother() {
    core.localEdit(Delta.builder().insert("h").build());
    clock += 100;
    core.localEdit(Delta.builder().retain(1).insert("i").build());
    clock += 5_000;
    core.localEdit(Delta.builder().retain(2).insert("!").build());
    core.undo();
    assertThat(text()).isEqualTo("hi\n");
    core.undo();
    assertThat(text()).isEqualTo("\n");
    core.redo();
    core.redo();
    assertThat(text()).isEqualTo("hi!\n");
  }

  @Test
  void wordBoundaryStartsANewGroup() {
    core.localEdit(Delta.builder().insert("one ").build());
    core.localEdit(Delta.builder().retain(4).insert("t").build());
    core.localEdit(Delta.builder().retain(5).insert("wo").build());
    core.undo();
    assertThat(text()).isEqualTo("one \n");
  }

  @Test
  void redoAfterRemoteEdits() {
    local(Delta.builder().insert("mine").build());
    core.undo();
    remote(Delta.builder().insert("yours ").build());
    core.redo();
    assertThat(text()).isEqualTo("yours mine\n");
    ackAll();
    assertThat(core.localDocument().toDelta()).isEqualTo(core.serverDocument().toDelta());
  }

  @Test
  void newEditClearsRedo() {
    local(Delta.builder().insert("a").build());
    core.undo();
    assertThat(core.canRedo()).isTrue();
    local(Delta.builder().insert("b").build());
    assertThat(core.canRedo()).isFalse();
  }
}
