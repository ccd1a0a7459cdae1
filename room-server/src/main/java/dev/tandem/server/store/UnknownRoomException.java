package dev.tandem.server.store;

/** A write named a room that was never created. */
public final class UnknownRoomException extends StoreException {

  private final String roomId;

  public UnknownRoomException(String roomId) {
    super("no room " + roomId);
    this.roomId = roomId;
  }

  public String roomId() {
    return roomId;
  }
}
