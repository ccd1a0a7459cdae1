package dev.tandem.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.Values.Limits;
import dev.tandem.server.room.RoomConfig;
import dev.tandem.sync.SyncError;
import org.junit.jupiter.api.Test;

/**
 * A refused op (here {@code doc-too-large}: a paste past the room's limit) is undone, and only
 * it: what the user typed while it was in flight is kept, rebased onto the document without it,
 * and sent as the next op (docs/protocol.md §6, "Rejected op"). The client used to undo every
 * pending edit, so the typing after a too-large paste was lost.
 */
class RejectedOpKeepsBufferTest {
  /** Documents of at most 14 characters, the final newline included. */
  static final RoomConfig SMALL = RoomConfig.DEFAULTS.withLimits(new Limits(1 << 20, 14, 50, 50, 4_000));

  @Test
  void typingBehindARefusedPasteIsKeptAndSent() {
    try (StepRoom room = new StepRoom(SMALL)) {
      StepRoom.Client c = room.joinedWith("0123456789");
      c.type(Delta.builder().retain(10).insert("PASTED TEXT").build()); // 22 characters: refused
      c.type(Delta.builder().insert("!").build()); // buffered behind it
      c.type(Delta.builder().retain(16).insert("?").build()); // inside the paste, also buffered
      room.pump();

      assertThat(c.errors).extracting(SyncError::code).containsExactly("op-rejected", "doc-too-large");
      room.assertConverged(c, "!0123456789?\n");
    }
  }

  @Test
  void aBufferThatDoesNotFitWithoutTheRefusedOpIsUndoneWithIt() {
    try (StepRoom room = new StepRoom(SMALL)) {
      StepRoom.Client c = room.joinedWith("0123456789");
      // A paragraph added below the last one (11 + 4 > 14: refused), then typing in it: without the
      // paragraph that typing would land after the final newline.
      c.type(Delta.builder().retain(11).insert("PQR\n").build());
      c.type(Delta.builder().retain(12).insert("r").build());
      room.pump();

      assertThat(c.errors).extracting(SyncError::code).containsExactly("op-rejected", "doc-too-large");
      room.assertConverged(c, "0123456789\n");
    }
  }
}
