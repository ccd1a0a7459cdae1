package dev.tandem.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.Ids;
import dev.tandem.protocol.MessageCodec;
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
 * Acks carried in the shared {@code ops} frame (docs/protocol.md §5, "Acks in ops"): the client
 * asks for them in {@code hello}, takes its own op (clientId and the outstanding seq) in an
 * {@code ops} frame as its ack at that op's revision, and ends in exactly the state the separate
 * {@code ack} frames of a server that ignores the request lead to.
 */
class SessionCoreAcksInOpsTest {
  final String room = Ids.random();
  final User me = new User("me", "#000000");
  static final String OTHER = Ids.random();

  static final class Session implements SessionCore.Output {
    final List<ClientMessage> sent = new ArrayList<>();
    final List<Delta> remote = new ArrayList<>();
    final SessionCore core;

    Session(String room, User me, String clientId) {
      core = new SessionCore(room, Ids.random(), me, clientId, null, new UndoStack(1_000, 100), () -> 0, this);
      core.onMessage(ServerMessage.Welcome.snapshot(0, Delta.document("hello\n"),
          new PeerInfo(clientId, me, Role.EDIT), List.of(), List.of(), Limits.DEFAULTS));
    }

    @Override
    public boolean send(ClientMessage message) {
      sent.add(message);
      return true;
    }

    @Override
    public void deliver(Delta change, ChangeOrigin origin) {
      if (origin == ChangeOrigin.REMOTE) {
        remote.add(change);
      }
    }

    /** Feeds a frame through the codec, as the transport does. */
    void receive(ServerMessage message) {
      core.onMessage(MessageCodec.decodeServer(MessageCodec.encode(message)));
    }

    ClientMessage.Submit lastSubmit() {
      return (ClientMessage.Submit) sent.stream().filter(ClientMessage.Submit.class::isInstance).toList().getLast();
    }
  }

  static Delta insert(String clientId, int at, String text) {
    return Changes.stamp(Delta.builder().retain(at).insert(text).build(), clientId);
  }

  @Test
  void helloAsksForAcksInOps() {
    Session s = new Session(room, me, Ids.random());
    assertThat(s.core.hello().acksInOps()).isTrue();
    assertThat(MessageCodec.encode(s.core.hello())).contains("\"acksInOps\":true");
  }

  @Test
  void ownOpInTheSharedFrameIsItsAckAndEndsAsSeparateAcksDo() {
    String id = Ids.random();
    Session shared = new Session(room, me, id);
    Session separate = new Session(room, me, id);
    for (Session s : List.of(shared, separate)) {
      s.core.localEdit(Delta.builder().retain(5).insert("!").build());
      assertThat(s.lastSubmit()).isEqualTo(new ClientMessage.Submit(0, 1, insert(id, 5, "!")));
      s.core.localEdit(Delta.builder().retain(6).insert("?").build()); // buffered behind seq 1
    }
    CommittedOp before = new CommittedOp(1, OTHER, 4, insert(OTHER, 0, "X"));
    CommittedOp mine = new CommittedOp(2, id, 1, insert(id, 6, "!")); // as the server rebased it
    CommittedOp after = new CommittedOp(3, OTHER, 5, insert(OTHER, 0, "Y"));

    shared.receive(new ServerMessage.Ops(List.of(before, mine, after)));
    separate.receive(new ServerMessage.Ops(List.of(before)));
    separate.receive(new ServerMessage.Ack(1, 2));
    separate.receive(new ServerMessage.Ops(List.of(after)));

    for (Session s : List.of(shared, separate)) {
      assertThat(s.core.revision()).isEqualTo(3);
      assertThat(s.core.localDocument().text()).isEqualTo("YXhello!?\n");
      // The buffer went out after the ack, based on the ack's revision: later ops of the same
      // frame arrive after it was sent, as separate frames would.
      assertThat(s.lastSubmit()).isEqualTo(new ClientMessage.Submit(2, 2, insert(id, 7, "?")));
      assertThat(s.remote).hasSize(2); // its own op is not delivered as a remote change
    }
    assertThat(shared.core.state()).isEqualTo(separate.core.state());
    assertThat(shared.core.localDocument().toDelta()).isEqualTo(separate.core.localDocument().toDelta());

    // A plain ack still works in this mode (the server answers a resend of a committed op so),
    // and a repeated one changes nothing.
    shared.receive(new ServerMessage.Ack(2, 4));
    shared.receive(new ServerMessage.Ack(2, 4));
    assertThat(shared.core.revision()).isEqualTo(4);
    assertThat(shared.core.pendingEdits()).isZero();
    assertThat(shared.core.localDocument().text()).isEqualTo("YXhello!?\n");
  }

  @Test
  void anOwnOpThatIsNotOutstandingIsAppliedAsCommitted() {
    // After a snapshot welcome the client dropped its unsent op, but the server had committed it:
    // the shared frame still carries it, and it is part of the document.
    String id = Ids.random();
    Session s = new Session(room, me, id);
    s.receive(new ServerMessage.Ops(List.of(new CommittedOp(1, id, 9, insert(id, 0, "Z")))));
    assertThat(s.core.revision()).isEqualTo(1);
    assertThat(s.core.localDocument().text()).isEqualTo("Zhello\n");
  }
}
