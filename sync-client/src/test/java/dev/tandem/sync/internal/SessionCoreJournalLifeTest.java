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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's life on a {@link SessionCore}: it compacts itself (a snapshot replaces the
 * records) once it holds more than 2,000 records, and an edit whose record crosses that line must
 * be in the snapshot, whether typed, undone or redone — a snapshot taken before the edit joined the
 * state would drop it from the file. A journal whose disk failed is set aside, never replayed.
 */
class SessionCoreJournalLifeTest {
  @TempDir Path dir;
  final String room = Ids.random();
  final User me = new User("me", "#000000");

  final java.util.List<dev.tandem.sync.SyncError> errors = new java.util.ArrayList<>();

  SessionCore open(String clientId) throws IOException {
    return open(clientId, Journal.open(dir, room));
  }

  SessionCore open(String clientId, Journal journal) throws IOException {
    SessionCore core = new SessionCore(room, Ids.random(), me, clientId, journal,
        new UndoStack(1_000, 100), () -> 0, new SessionCore.Output() {
          @Override
          public boolean send(ClientMessage message) {
            return true;
          }

          @Override
          public void deliver(Delta change, ChangeOrigin origin) {}

          @Override
          public void error(dev.tandem.sync.SyncError error) {
            errors.add(error);
          }
        });
    core.restore();
    return core;
  }

  /** A session that has typed {@code records} one-letter edits since the welcome's snapshot. */
  SessionCore typed(String clientId, int records) throws IOException {
    SessionCore core = open(clientId);
    core.onMessage(ServerMessage.Welcome.snapshot(0, Delta.document("hello\n"),
        new PeerInfo(core.clientId(), me, Role.EDIT), java.util.List.of(), java.util.List.of(), Limits.DEFAULTS));
    core.beginBatch(); // one force for all of them
    for (int i = 0; i < records; i++) {
      core.localEdit(Delta.builder().retain(5 + i).insert("x").build());
    }
    core.endBatch();
    return core;
  }

  @Test
  void anUndoWhoseRecordStartsACompactionIsInTheSnapshot() throws IOException {
    String clientId = Ids.random();
    SessionCore live = typed(clientId, 2_000);
    assertThat(live.undo()).isNotNull(); // its record is the 2,001st: the journal compacts
    String expected = live.localDocument().text();
    assertThat(expected).isNotEqualTo("hello" + "x".repeat(2_000) + "\n");
    live.closeJournal(); // killed here

    SessionCore restored = open(clientId);
    assertThat(restored.localDocument().text()).isEqualTo(expected);
    restored.closeJournal();
  }

  @Test
  void aTypedEditWhoseRecordStartsACompactionIsInTheSnapshot() throws IOException {
    String clientId = Ids.random();
    SessionCore live = typed(clientId, 2_001);
    String expected = live.localDocument().text();
    assertThat(expected).isEqualTo("hello" + "x".repeat(2_001) + "\n");
    live.closeJournal();

    SessionCore restored = open(clientId);
    assertThat(restored.localDocument().text()).isEqualTo(expected);
    restored.closeJournal();
  }

  @Test
  void aJournalWhoseDiskFailedIsSetAsideAndNeverReplayed() throws IOException {
    ForceCountingChannels files = new ForceCountingChannels();
    String clientId = Ids.random();
    SessionCore live = open(clientId, Journal.open(dir, room, files));
    live.onMessage(ServerMessage.Welcome.snapshot(0, Delta.document("hello\n"),
        new PeerInfo(live.clientId(), me, Role.EDIT), java.util.List.of(), java.util.List.of(), Limits.DEFAULTS));
    live.localEdit(Delta.builder().retain(5).insert("a").build()); // seq 1, journalled and sent
    files.failForces();
    live.localEdit(Delta.builder().retain(6).insert("b").build()); // its force fails
    assertThat(errors).extracting(dev.tandem.sync.SyncError::code).containsExactly("journal-failed");
    live.localEdit(Delta.builder().retain(7).insert("c").build()); // the session goes on without it
    assertThat(live.localDocument().text()).isEqualTo("helloabc\n");

    // Replaying the old file would restore seq 1 outstanding and seq 2 next, which the live
    // session has used for "bc" by now: the server would take that as a resend.
    try (var files0 = java.nio.file.Files.list(dir)) {
      assertThat(files0.map(f -> f.getFileName().toString()))
          .doesNotContain(room + ".journal")
          .anyMatch(name -> name.startsWith(room + ".journal.failed-"));
    }
    SessionCore restarted = open(Ids.random());
    assertThat(restarted.pendingEdits()).isZero();
    restarted.closeJournal();
  }
}
