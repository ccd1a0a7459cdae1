package dev.tandem.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Delta;
import dev.tandem.server.room.RoomConfig;
import dev.tandem.sync.SyncError;
import org.junit.jupiter.api.Test;

/**
 * An undo entry is rebased through others' changes, and the result may no longer fit the document
 * (docs/protocol.md §3, "fit"): undoing a paragraph we added below the last one, after someone
 * typed into it, would delete the final newline and leave their text last. The server refuses
 * such a change; sent composed with what we typed next (send coalescing, or a buffer), it took
 * that typing down with it. The undo is refused locally instead, like any local edit that does not
 * fit, and nothing else is touched.
 */
class UndoThatNoLongerFitsTest {
  @Test
  void anUndoThatWouldRemoveTheFinalNewlineIsRefusedAndTheTypingAfterItKept() {
    try (StepRoom room = new StepRoom(RoomConfig.DEFAULTS)) {
      StepRoom.Client ana = room.client();
      StepRoom.Client bo = room.client();
      ana.core.holdSends(true);
      ana.connect();
      bo.connect();
      room.pump();
      ana.type(Delta.builder().insert("012345678 ").build()); // ends a word: the next insert is a new undo group
      ana.core.flushHeld();
      room.pump();
      ana.type(Delta.builder().retain(11).insert("PQR\n").build()); // a paragraph below the last one
      ana.core.flushHeld();
      room.pump();
      bo.type(Delta.builder().retain(12).insert("x").build()); // bo types into it: "PxQR"
      room.pump();
      assertThat(ana.core.localDocument().text()).isEqualTo("012345678 \nPxQR\n");

      Delta undone = ana.core.undo(); // would leave "012345678 \nx": no final newline
      ana.type(Delta.builder().insert("y").build()); // composed with the held undo, if any
      ana.core.flushHeld();
      room.pump();

      String expected = "y012345678 \nPxQR\n";
      assertThat(ana.core.localDocument().text()).isEqualTo(expected);
      assertThat(ana.editor.text()).isEqualTo(expected);
      assertThat(ana.core.pendingEdits()).isZero();
      Delta server = room.serverDocument();
      assertThat(server.plainText()).isEqualTo(expected);
      assertThat(ana.core.localDocument().toDelta()).isEqualTo(server);
      assertThat(bo.core.localDocument().toDelta()).isEqualTo(server);
      assertThat(undone).isNull();
      assertThat(ana.errors).extracting(SyncError::code).containsExactly("invalid-edit");
    }
  }
}
