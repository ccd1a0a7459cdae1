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
 * Send coalescing on a {@link SessionCore} with a journal: a held op is not sent until
 * {@link SessionCore#flushHeld()}, edits made meanwhile join it, and a journal written while
 * holding restores exactly the ops (with their seqs) the live session had or would have sent.
 */
class SessionCoreHoldTest {
  @TempDir Path dir;
  final String room = Ids.random();
  final User me = new User("me", "#000000");

  final class Session implements SessionCore.Output {
    final List<ClientMessage> sent = new ArrayList<>();
    int holds;
    final SessionCore core;

    Session(String clientId) throws IOException {
      core = new SessionCore(room, Ids.random(), me, clientId, Journal.open(dir, room),
          new UndoStack(1_000, 100), () -> 0, this);
      core.holdSends(true);
      core.restore();
    }

    @Override
    public boolean send(ClientMessage message) {
      sent.add(message);
      return true;
    }

    @Override
    public void deliver(Delta change, ChangeOrigin origin) {}

    @Override
    public void holdStarted() {
      holds++;
    }

    List<ClientMessage.Submit> submits() {
      return sent.stream().filter(ClientMessage.Submit.class::isInstance)
          .map(ClientMessage.Submit.class::cast).toList();
    }

    void type(int at, String text) {
      core.localEdit(Delta.builder().retain(at).insert(text).build());
    }

    void welcome() {
      core.onMessage(ServerMessage.Welcome.snapshot(0, Delta.document("hello\n"),
          new PeerInfo(core.clientId(), me, Role.EDIT), List.of(), List.of(), Limits.DEFAULTS));
    }
  }

  static Delta stamped(String clientId, int at, String text) {
    return Changes.stamp(Delta.builder().retain(at).insert(text).build(), clientId);
  }

  @Test
  void aHeldOpCollectsEditsUntilFlushedAndTheBufferIsHeldAgainAfterTheAck() throws IOException {
    Session s = new Session(Ids.random());
    s.welcome();
    s.type(5, "a");
    s.type(6, "b");
    assertThat(s.submits()).isEmpty();
    assertThat(s.holds).isEqualTo(1);
    assertThat(s.core.pendingEdits()).isEqualTo(2);
    s.core.flushHeld();
    assertThat(s.submits()).containsExactly(
        new ClientMessage.Submit(0, 1, stamped(s.core.clientId(), 5, "ab")));
    s.type(7, "c");
    s.core.onMessage(new ServerMessage.Ack(1, 1));
    assertThat(s.submits()).hasSize(1); // the buffer "c" is held now, not sent
    assertThat(s.holds).isEqualTo(2);
    s.type(8, "d");
    assertThat(s.core.state()).isInstanceOf(ClientState.Holding.class);
    assertThat(s.core.pendingEdits()).isEqualTo(2);
    s.core.flushHeld();
    assertThat(s.submits().getLast())
        .isEqualTo(new ClientMessage.Submit(1, 2, stamped(s.core.clientId(), 7, "cd")));
    assertThat(s.core.localDocument().text()).isEqualTo("helloabcd\n");
  }

  @Test
  void aJournalWrittenWhileHoldingRestoresTheSameOpsAndSeqs() throws IOException {
    String clientId = Ids.random();
    Session live = new Session(clientId);
    live.welcome();
    live.type(5, "a");
    live.type(6, "b");
    live.core.flushHeld(); // seq 1 = "ab" left
    live.type(7, "c");     // buffer behind it
    live.core.onMessage(new ServerMessage.Ack(1, 1)); // "c" held as seq 2
    live.type(8, "d");     // joins seq 2
    live.core.closeJournal(); // killed here: seq 2 ("cd") never left

    Session restored = new Session(clientId);
    assertThat(restored.core.localDocument().text()).isEqualTo("helloabcd\n");
    assertThat(restored.core.state()).isEqualTo(new ClientState.AwaitingConfirm(1, 3,
        new PendingOp(2, stamped(clientId, 7, "cd"))));
    assertThat(restored.core.pendingEdits()).isEqualTo(2);
    restored.core.closeJournal();
  }

  @Test
  void aJournalWrittenAfterAFlushRestoresTheSentOpAndItsBuffer() throws IOException {
    String clientId = Ids.random();
    Session live = new Session(clientId);
    live.welcome();
    live.type(5, "a");
    live.core.flushHeld(); // seq 1 = "a" left
    live.type(6, "b");     // buffer: seq 1 must stay "a" after a restore
    live.core.closeJournal();

    Session restored = new Session(clientId);
    assertThat(restored.core.state()).isEqualTo(new ClientState.AwaitingWithBuffer(0, 2,
        new PendingOp(1, stamped(clientId, 5, "a")), stamped(clientId, 6, "b")));
    restored.core.closeJournal();
  }
}
