package dev.tandem.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.Ids;
import dev.tandem.protocol.Role;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.Limits;
import dev.tandem.protocol.Values.PeerInfo;
import dev.tandem.protocol.Values.User;
import dev.tandem.sync.ChangeOrigin;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An edit too large for one op leaves in parts (ClientState.MAX_OP_BYTES), and each seq carries
 * one part: a session restored from its journal after a crash must hold exactly the part it sent
 * as that seq (a different one would be taken as committed when the server acknowledges the
 * resend) and the rest behind it.
 */
class LargeEditJournalTest {
  @TempDir Path dir;
  final String room = Ids.random();
  final User me = new User("me", "#000000");
  final List<ClientMessage.Submit> sent = new ArrayList<>();

  SessionCore open(String clientId) throws IOException {
    SessionCore core = new SessionCore(room, Ids.random(), me, clientId, Journal.open(dir, room),
        new UndoStack(1_000, 100), () -> 0, new SessionCore.Output() {
          @Override
          public boolean send(ClientMessage message) {
            if (message instanceof ClientMessage.Submit op) {
              sent.add(op);
            }
            return true;
          }

          @Override
          public void deliver(Delta change, ChangeOrigin origin) {}

          @Override
          public void error(dev.tandem.sync.SyncError error) {
            throw new AssertionError("unexpected error " + error);
          }
        });
    core.restore();
    return core;
  }

  @Test
  void aSessionRestoredAfterACrashHoldsThePartItSentAndTheRestBehindIt() throws IOException {
    String clientId = Ids.random();
    SessionCore live = open(clientId);
    live.onMessage(ServerMessage.Welcome.snapshot(0, Delta.document("hello\n"),
        new PeerInfo(clientId, me, Role.EDIT), List.of(), List.of(), Limits.DEFAULTS));
    String paste = "p".repeat((int) (1.5 * ClientState.MAX_OP_BYTES));
    live.beginBatch();
    live.localEdit(Delta.builder().retain(5).insert(paste).build());
    live.endBatch();

    assertThat(sent).hasSize(1);
    ClientMessage.Submit head = sent.getFirst();
    assertThat(head.seq()).isEqualTo(1);
    assertThat(dev.tandem.ot.ChangeSplit.estimatedBytes(head.delta())).isLessThanOrEqualTo(ClientState.MAX_OP_BYTES);
    assertThat(live.pendingEdits()).as("never 0 while part of the paste is unsent").isGreaterThanOrEqualTo(1);
    ClientState before = live.state();
    live.closeJournal(); // killed here

    SessionCore restored = open(clientId);
    assertThat(restored.state()).isEqualTo(before);
    ClientState.AwaitingWithBuffer state = (ClientState.AwaitingWithBuffer) restored.state();
    assertThat(state.outstanding()).isEqualTo(new PendingOp(1, head.delta()));
    assertThat(restored.localDocument().text().equals("hello" + paste + "\n")).as("restored text").isTrue();

    // Reconnected: the server had committed the head as rev 1 (the catch-up says so); the rest
    // goes out as seq 2, and once that is acknowledged nothing is left.
    restored.onMessage(ServerMessage.Welcome.catchUp(1,
        List.of(new dev.tandem.protocol.Values.CommittedOp(1, clientId, 1, head.delta())),
        new PeerInfo(clientId, me, Role.EDIT), List.of(), List.of(), Limits.DEFAULTS));
    // (with no send delay the op after an ack found in the catch-up may go out twice; the server
    // acknowledges a resend once: idempotence by (clientId, seq))
    assertThat(sent.subList(1, sent.size())).isNotEmpty().allMatch(op -> op.seq() == 2 && op.base() == 1)
        .extracting(ClientMessage.Submit::delta).containsOnly(sent.getLast().delta());
    String applied = Delta.document("hello\n").apply(head.delta()).apply(sent.getLast().delta()).plainText();
    assertThat(applied.equals("hello" + paste + "\n")).as("the two parts make the paste").isTrue();
    restored.onMessage(new ServerMessage.Ack(2, 2));
    assertThat(restored.pendingEdits()).isZero();
    assertThat(restored.serverDocument().text().equals("hello" + paste + "\n")).as("server text").isTrue();
    restored.closeJournal();
  }
}
