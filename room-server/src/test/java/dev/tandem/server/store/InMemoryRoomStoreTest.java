package dev.tandem.server.store;

class InMemoryRoomStoreTest extends RoomStoreContract {

  @Override
  protected RoomStore newStore() {
    return new InMemoryRoomStore();
  }
}
