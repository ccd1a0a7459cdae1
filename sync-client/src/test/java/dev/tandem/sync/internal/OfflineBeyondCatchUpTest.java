package dev.tandem.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Delta;
import dev.tandem.server.room.RoomConfig;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * A client that was offline while the room moved on by more than {@code maxCatchUpOps} revisions
 * gets a snapshot {@code welcome} on reconnect, and docs/protocol.md §6 says its unacknowledged
 * edits "MUST be discarded (or offered to the user as a copy)"; the client discards them
 * ({@code edits-discarded}). With the default 2,000 that is a few minutes offline while others
 * type (one typist sends an op per keystroke at normal speed with the 75 ms send delay), far from
 * the design's "hours offline without losing a keystroke". Here the limit is 3 to show it.
 */
class OfflineBeyondCatchUpTest {
  static final RoomConfig SHORT_CATCH_UP = new RoomConfig(RoomConfig.DEFAULTS.limits(),
      RoomConfig.DEFAULTS.recentOps(), RoomConfig.DEFAULTS.snapshotEvery(), 3,
      RoomConfig.DEFAULTS.hibernateAfter());

  @Test
  @Disabled("design gap left to the lead (protocol §6 / maxCatchUpOps): offline edits are discarded"
      + " when the room moved on by more than maxCatchUpOps while the client was away")
  void editsMadeOfflineSurviveARoomThatMovedOnFurtherThanTheCatchUp() {
    try (StepRoom room = new StepRoom(SHORT_CATCH_UP)) {
      StepRoom.Client ana = room.client();
      StepRoom.Client bo = room.client();
      ana.connect();
      bo.connect();
      room.pump();
      ana.disconnect(); // offline
      ana.type(Delta.builder().insert("written offline ").build());
      for (int i = 0; i < 4; i++) { // the room moves on by 4 revisions
        bo.type(Delta.builder().retain(bo.core.localDocument().length() - 1).insert("b").build());
        room.pump();
      }
      ana.connect();
      room.pump();

      assertThat(ana.errors).isEmpty(); // today: edits-discarded
      assertThat(ana.core.localDocument().text()).isEqualTo("written offline bbbb\n");
      assertThat(room.serverDocument().plainText()).isEqualTo("written offline bbbb\n");
    }
  }
}
