package dev.tandem.server.room;

import dev.tandem.protocol.Ids;
import dev.tandem.server.store.KeyHashes;
import dev.tandem.server.store.RoomRecord;
import dev.tandem.server.store.RoomStore;
import java.time.Clock;

/**
 * Creates rooms: a random 128-bit id and three random 128-bit capability keys. Only the keys'
 * hashes are stored; the keys themselves are returned once, to the creator, and never logged.
 */
public final class RoomCreator {
  private final RoomStore store;
  private final Clock clock;

  public RoomCreator(RoomStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** A new room and its keys. */
  public NewRoom create() {
    String id = Ids.random();
    String editKey = Ids.random();
    String viewKey = Ids.random();
    String adminKey = Ids.random();
    store.createRoom(new RoomRecord(id, KeyHashes.ofKeys(editKey, viewKey, adminKey), clock.instant()));
    return new NewRoom(id, editKey, viewKey, adminKey);
  }

  /**
   * A new room whose document starts as {@code document}: stored as the snapshot at revision 0,
   * durably, before this returns, so the first person to join gets it in their welcome. (How a
   * file opened into a new room gets there without one oversized op.)
   *
   * @throws IllegalArgumentException if {@code document} is not a document ending with '\n'
   */
  public NewRoom create(dev.tandem.ot.Delta document) {
    if (!document.isDocument() || document.length() == 0 || !document.plainText().endsWith("\n")) {
      throw new IllegalArgumentException("a room's first document is inserts only and ends with a newline");
    }
    NewRoom room = create();
    store.saveSnapshot(room.id(), 0, document).join();
    return room;
  }

  /** A created room. {@code toString} hides the keys. */
  public record NewRoom(String id, String editKey, String viewKey, String adminKey) {
    @Override
    public String toString() {
      return "NewRoom[id=" + id + ", keys=<redacted>]";
    }
  }
}
