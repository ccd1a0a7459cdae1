package dev.tandem.server.store;

/** {@link RoomStore#createRoom} named an id that already exists. The existing room is unchanged. */
public final class RoomExistsException extends StoreException {

  private final String roomId;

  public RoomExistsException(String roomId) {
    super("room " + roomId + " already exists");
    this.roomId = roomId;
  }

  public String roomId() {
    return roomId;
  }
}
