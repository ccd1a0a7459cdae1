package dev.tandem.server.store.sqlite;

import dev.tandem.server.store.RoomStore;
import dev.tandem.server.store.RoomStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteRoomStoreContractTest extends RoomStoreContract {

  @TempDir Path dataDirectory;

  @Override
  protected RoomStore newStore() {
    return SqliteRoomStore.open(dataDirectory);
  }
}
