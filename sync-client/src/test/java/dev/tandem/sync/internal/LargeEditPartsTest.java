package dev.tandem.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.Values.Limits;
import dev.tandem.server.room.RoomConfig;
import dev.tandem.sync.SyncError;
import org.junit.jupiter.api.Test;

/**
 * An edit too large for one op leaves in parts ({@link ClientState#MAX_OP_BYTES}), and a real room
 * checks each part on its own (docs/protocol.md §6, "Large edits"): every part must be one the
 * room accepts whenever it would accept the whole edit.
 */
class LargeEditPartsTest {
  static final int PASTE = 300_000; // over MAX_OP_BYTES of delta JSON: two parts

  @Test
  void aLargeParagraphPastedBelowTheLastOneReachesTheRoomWhole() {
    try (StepRoom room = new StepRoom(RoomConfig.DEFAULTS)) {
      StepRoom.Client c = joinedWith(room, "0123456789");
      String paragraph = "x".repeat(PASTE) + "\n";
      // After the final newline: it fits, since what it adds ends with a newline. Cut from the
      // front, the first part ended the document with "x" and the room refused it.
      c.type(Delta.builder().retain(11).insert(paragraph).build());
      room.pump();

      assertThat(c.sent).filteredOn(ClientMessage.Submit.class::isInstance).hasSize(2);
      assertThat(c.errors).isEmpty();
      assertConverged(room, c, "0123456789\n" + paragraph);
    }
  }

  /** A client that joined and had {@code text} committed; nothing pending. */
  static StepRoom.Client joinedWith(StepRoom room, String text) {
    StepRoom.Client c = room.client();
    c.connect();
    room.pump();
    c.type(Delta.builder().insert(text).build());
    room.pump();
    assertThat(c.core.pendingEdits()).isZero();
    c.sent.clear();
    return c;
  }

  static void assertConverged(StepRoom room, StepRoom.Client c, String text) {
    assertThat(c.core.localDocument().text()).isEqualTo(text);
    assertThat(c.editor.text()).isEqualTo(text);
    assertThat(c.core.pendingEdits()).isZero();
    assertThat(c.core.state()).isInstanceOf(ClientState.Synchronized.class);
    Delta server = room.serverDocument();
    assertThat(c.core.localDocument().toDelta()).isEqualTo(server);
    assertThat(c.editor.toDelta()).isEqualTo(server);
  }
}
