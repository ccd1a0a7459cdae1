package dev.tandem.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Delta;
import dev.tandem.server.room.RoomConfig;
import org.junit.jupiter.api.Test;

/**
 * A client that was offline while the room moved on by more than {@code maxCatchUpOps} revisions
 * would get a snapshot {@code welcome} on reconnect, on which its unacknowledged edits cannot be
 * rebased (docs/protocol.md §6: discarded, {@code edits-discarded}). With the default 2,000 that
 * was a few minutes offline while others type. Its {@code hello} now says it has pending edits,
 * and an editor's catch-up then reaches 100 times further back (RoomJoins.PENDING_CATCH_UP_FACTOR).
 * Here the limit is 3 and the room moves on by 4.
 */
class OfflineBeyondCatchUpTest {
  static final RoomConfig SHORT_CATCH_UP = new RoomConfig(RoomConfig.DEFAULTS.limits(),
      RoomConfig.DEFAULTS.recentOps(), RoomConfig.DEFAULTS.snapshotEvery(), 3,
      RoomConfig.DEFAULTS.hibernateAfter());

  @Test
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

      assertThat(ana.errors).isEmpty(); // before: edits-discarded
      // Both inserted at 0 of "\n": Bo's ops, committed first, go first (the server's tie-break).
      assertThat(room.serverDocument().plainText()).isEqualTo("bbbbwritten offline \n");
      assertThat(ana.core.localDocument().text()).isEqualTo(room.serverDocument().plainText());
    }
  }
}
