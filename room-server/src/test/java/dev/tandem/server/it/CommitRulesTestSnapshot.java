package dev.tandem.server.it;

import dev.tandem.ot.Delta;
import dev.tandem.server.RoomServer;
import dev.tandem.server.room.RoomCreator.NewRoom;

/** The server's document, as a newcomer's welcome shows it. */
final class CommitRulesTestSnapshot {
  private CommitRulesTestSnapshot() {}

  static Delta of(NewRoom room, RoomServer server) {
    try (TestClient c = TestClient.connect(server.port(), room.id())) {
      return c.hello(room.id(), room.viewKey()).doc().orElseThrow();
    }
  }
}
