package dev.tandem.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.Ids;
import dev.tandem.protocol.Values.User;
import dev.tandem.server.room.RoomConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A power cut keeps only what the journal forced. Acks are appended without forcing, but the ack
 * of an op with a buffer behind it decides what the next seq carries: the buffer, exactly, goes
 * out under that seq. If the ack is lost while that op was sent (and committed), the replay has
 * the buffer still behind the acknowledged op; edits typed after the restart compose into it, and
 * the catch-up's commit of the next seq — the buffer as it was — is taken as the ack of the buffer
 * with those edits: they never reach the server, though the client shows them. With send
 * coalescing the catch-up's ack holds the buffer instead, and the commit of its seq is applied as
 * someone else's op: the buffer appears twice, and the resend of that seq is answered with an ack
 * the client ignores, so it never sends again.
 */
class PowerCutAfterAckTest {
  @TempDir Path dir;
  final User me = new User("me", "#000000");

  @Test
  void editsTypedAfterRestartAreNotTakenForTheCommittedBuffer() throws IOException {
    try (StepRoom room = new StepRoom(RoomConfig.DEFAULTS)) {
      byte[] image = typeAbThenCutPower(room, false);
      StepRoom.Client restored = restore(room, image, false);
      assertThat(restored.core.localDocument().text()).isEqualTo("ab\n");
      restored.type(Delta.builder().retain(2).insert("c").build()); // typed before the welcome

      restored.connect();
      room.pump();

      assertConverged(room, restored, "abc\n");
    }
  }

  @Test
  void withSendCoalescingTheCommittedBufferIsNotAppliedTwice() throws IOException {
    try (StepRoom room = new StepRoom(RoomConfig.DEFAULTS)) {
      byte[] image = typeAbThenCutPower(room, true);
      StepRoom.Client restored = restore(room, image, true);

      restored.connect();
      room.pump();
      restored.core.flushHeld(); // the send delay passed
      room.pump();
      restored.type(Delta.builder().retain(2).insert("c").build()); // still sent after that
      restored.core.flushHeld();
      room.pump();

      assertConverged(room, restored, "abc\n");
    }
  }

  /**
   * Types "a" (seq 1) and "b" (buffered behind it, then seq 2), lets the room commit both, and
   * returns the journal as a power cut would leave it: only what was forced.
   */
  private byte[] typeAbThenCutPower(StepRoom room, boolean hold) throws IOException {
    ForceCountingChannels files = new ForceCountingChannels();
    Journal journal = Journal.open(dir.resolve("live"), room.room.id(), files);
    StepRoom.Client live = room.client(out -> new SessionCore(room.room.id(), room.room.editKey(), me,
        Ids.random(), journal, new UndoStack(1_000, 100), () -> 0, out));
    live.core.holdSends(hold);
    live.core.restore();
    live.connect();
    room.pump();
    live.type(Delta.builder().insert("a").build());
    live.core.flushHeld(); // seq 1 leaves (at once without coalescing)
    live.type(Delta.builder().retain(1).insert("b").build()); // buffered behind seq 1
    room.pump(); // seq 1 acknowledged; the buffer is the next op (held with coalescing)
    live.core.flushHeld();
    room.pump(); // seq 2 acknowledged
    assertThat(live.core.pendingEdits()).isZero();
    assertThat(room.serverDocument().plainText()).isEqualTo("ab\n");
    byte[] image = files.crashImage(0);
    live.crash();
    return image;
  }

  private StepRoom.Client restore(StepRoom room, byte[] image, boolean hold) throws IOException {
    Path after = dir.resolve("after");
    Files.createDirectories(after);
    Files.write(after.resolve(room.room.id() + ".journal"), image);
    Journal journal = Journal.open(after, room.room.id());
    StepRoom.Client restored = room.client(out -> new SessionCore(room.room.id(), room.room.editKey(), me,
        Ids.random(), journal, new UndoStack(1_000, 100), () -> 0, out));
    restored.core.holdSends(hold);
    restored.core.restore();
    return restored;
  }

  private static void assertConverged(StepRoom room, StepRoom.Client client, String text) {
    assertThat(client.errors).isEmpty();
    room.assertConverged(client, text);
  }
}
