package dev.tandem.server.it;

import dev.tandem.server.RoomServer;
import dev.tandem.server.room.RoomConfig;
import dev.tandem.server.room.RoomCreator.NewRoom;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server whose rooms keep only two ops in memory (any older base or {@code since} reads
 * storage) and whose store holds those reads until the test releases them ({@link HeldReadsStore}),
 * with one room created. For the tests of work moved off the room's thread.
 */
abstract class ShortMemoryServer {
  /** Two ops in memory: anything further back reads storage. */
  static final RoomConfig ROOMS = new RoomConfig(RunningServer.TEST_LIMITS, 2, 1_000, 100,
      RoomConfig.DEFAULTS.hibernateAfter());

  @TempDir Path data;
  final AtomicReference<HeldReadsStore> store = new AtomicReference<>();
  RoomServer server;
  NewRoom room;

  @BeforeEach
  void start() throws Exception {
    server = RoomServer.start(RunningServer.config(data).rooms(ROOMS).build(),
        s -> {
          store.set(new HeldReadsStore(s));
          return store.get();
        });
    room = server.createRoom();
  }

  @AfterEach
  void stop() {
    store.get().release();
    server.close();
  }
}
