package dev.tandem.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.Ids;
import dev.tandem.protocol.Values.User;
import dev.tandem.protocol.Values.Limits;
import dev.tandem.server.room.RoomConfig;
import dev.tandem.sync.SyncError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
      StepRoom.Client c = room.joinedWith("0123456789");
      String paragraph = "x".repeat(PASTE) + "\n";
      // After the final newline: it fits, since what it adds ends with a newline. Cut from the
      // front, the first part ended the document with "x" and the room refused it.
      c.type(Delta.builder().retain(11).insert(paragraph).build());
      room.pump();

      assertThat(c.sent).filteredOn(ClientMessage.Submit.class::isInstance).hasSize(2);
      assertThat(c.errors).isEmpty();
      room.assertConverged(c, "0123456789\n" + paragraph);
    }
  }

  @Test
  void aRefusedFirstPartTakesTheRestOfItsEditWithIt() {
    // Documents of at most 200,000 characters: the paste's first part (about 262,000 characters)
    // is refused; its rest (about 38,000) alone would fit. The edit is refused, so no part of it
    // may reach the room: the rest used to be kept as a "later edit" and committed.
    RoomConfig small = RoomConfig.DEFAULTS.withLimits(new Limits(1 << 20, 200_000, 50, 50, 4_000));
    try (StepRoom room = new StepRoom(small)) {
      StepRoom.Client c = room.joinedWith("0123456789");
      c.type(Delta.builder().retain(5).insert("x".repeat(PASTE)).build());
      room.pump();

      assertThat(c.errors).extracting(SyncError::code).containsExactly("op-rejected", "doc-too-large");
      assertThat(c.errors.getFirst().message()).contains("1 pending edit(s) were undone")
          .doesNotContain("kept");
      room.assertConverged(c, "0123456789\n");
    }
  }

  @Test
  @Disabled("defect left open: the parts of a split edit are separate ops, and a part refused after"
      + " earlier parts were committed (here doc-too-large: the first 262,000 characters fit a room"
      + " limited to 280,000, the last 38,000 do not) leaves those parts in the room; only the refused"
      + " part is undone. Undoing the committed parts takes a compensating op (their inverse, rebased"
      + " to the head) from SessionCore.rejectPending, or a client-side check of the whole edit against"
      + " the welcome's maxDocLength before the first part leaves (which still races with others' edits)")
  void aRefusedLaterPartTakesTheCommittedPartsOfItsEditWithIt() {
    RoomConfig small = RoomConfig.DEFAULTS.withLimits(new Limits(1 << 20, 280_000, 50, 50, 4_000));
    try (StepRoom room = new StepRoom(small)) {
      StepRoom.Client c = room.joinedWith("0123456789");
      c.type(Delta.builder().retain(5).insert("x".repeat(PASTE)).build());
      room.pump();

      assertThat(c.errors).extracting(SyncError::code).containsExactly("op-rejected", "doc-too-large");
      room.assertConverged(c, "0123456789\n");
    }
  }

  @Test
  void editsDroppedForASnapshotAreCountedAsThePersonMadeThem() {
    // No catch-up at all: any reconnect behind the room gets a snapshot, and the edits pending on
    // the old document are dropped. The one paste, in flight as two parts, is one edit.
    RoomConfig noCatchUp = new RoomConfig(RoomConfig.DEFAULTS.limits(), RoomConfig.DEFAULTS.recentOps(),
        RoomConfig.DEFAULTS.snapshotEvery(), 0, RoomConfig.DEFAULTS.hibernateAfter());
    try (StepRoom room = new StepRoom(noCatchUp)) {
      StepRoom.Client ana = room.joinedWith("0123456789");
      StepRoom.Client bo = room.client();
      bo.connect();
      room.pump();
      ana.disconnect();
      ana.type(Delta.builder().retain(5).insert("x".repeat(PASTE)).build()); // offline
      bo.type(Delta.builder().insert("b").build());
      room.pump();
      ana.connect();
      room.pump();

      assertThat(ana.errors).extracting(SyncError::message)
          .containsExactly("the server sent a snapshot instead of the ops since revision 1; 1 unsent edit(s) were dropped");
      room.assertConverged(ana, "b0123456789\n");
    }
  }

  @Test
  void aReplacementThatKeepsTheLengthIsAcceptedInPartsNearTheLimit() {
    RoomConfig small = RoomConfig.DEFAULTS.withLimits(new Limits(1 << 20, 400_000, 50, 50, 4_000));
    try (StepRoom room = new StepRoom(small)) {
      StepRoom.Client c = room.joinedWith("0123456789");
      c.type(Delta.builder().retain(10).insert("a".repeat(PASTE)).build());
      room.pump();
      // Select the pasted text and paste as much over it: 300,011 characters before and after.
      c.type(Delta.builder().retain(10).insert("b".repeat(PASTE)).delete(PASTE).build());
      room.pump();

      assertThat(c.errors).isEmpty();
      room.assertConverged(c, "0123456789" + "b".repeat(PASTE) + "\n");
    }
  }

  @TempDir Path dir;

  @Test
  void aRestoredSessionStillKnowsThatItsBufferHoldsTheRestOfTheFirstPart() throws IOException {
    RoomConfig small = RoomConfig.DEFAULTS.withLimits(new Limits(1 << 20, 200_000, 50, 50, 4_000));
    try (StepRoom room = new StepRoom(small)) {
      String clientId = Ids.random();
      StepRoom.Client live = journalled(room, clientId);
      live.connect();
      room.pump();
      live.type(Delta.builder().insert("0123456789").build());
      room.pump();
      live.type(Delta.builder().retain(5).insert("x".repeat(PASTE)).build()); // first part sent
      crash(live); // before the room saw it
      // The first restore replays the edit and writes a snapshot of the part in flight and the
      // rest behind it; the second starts from that snapshot alone.
      crash(journalled(room, clientId));
      StepRoom.Client restored = journalled(room, clientId);
      restored.connect();
      room.pump();

      assertThat(restored.errors).extracting(SyncError::code).containsExactly("op-rejected", "doc-too-large");
      room.assertConverged(restored, "0123456789\n");
    }
  }

  /** The process dies; the journal's file stays as its writes left it (closing only releases it). */
  private static void crash(StepRoom.Client c) throws IOException {
    c.crash();
    c.core.closeJournal();
  }

  private StepRoom.Client journalled(StepRoom room, String clientId) {
    StepRoom.Client c = room.client(out -> {
      try {
        return new SessionCore(room.room.id(), room.room.editKey(), new User("me", "#000000"), clientId,
            Journal.open(dir, room.room.id()), new UndoStack(1_000, 100), () -> 0, out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    try {
      c.core.restore();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return c;
  }
}
