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
 * The journal compacts itself (a snapshot replaces the records) once it holds more than 2,000
 * records: an edit whose record crosses that line must be in the snapshot, whether typed, undone
 * or redone — a snapshot taken before the edit joined the state would drop it from the file.
 */
class SessionCoreJournalCompactionTest {
  @TempDir Path dir;
  final String room = Ids.random();
  final User me = new User("me", "#000000");

  SessionCore open(String clientId) throws IOException {
    SessionCore core = new SessionCore(room, Ids.random(), me, clientId, Journal.open(dir, room),
        new UndoStack(1_000, 100), () -> 0, new SessionCore.Output() {
          @Override
          public boolean send(ClientMessage message) {
            return true;
          }

          @Override
          public void deliver(Delta change, ChangeOrigin origin) {}
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
}
