package dev.tandem.server.room;

import dev.tandem.protocol.Ids;
import dev.tandem.server.store.RoomStore;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Finds the one {@link Room} of an id in this process, creating its (empty, unloaded) actor on
 * first use; the room loads itself from storage when a message needs its state. A room object
 * leaves the registry once it has no participants and nothing in memory (an unknown id, a
 * hibernated room everyone left), so the registry holds only rooms in use, whatever ids clients try.
 *
 * <p>Thread-safe. Beyond one machine this is the piece Pekko Cluster Sharding replaces: an id maps
 * to an entity reference on whichever node owns it.
 */
public final class RoomRegistry {
  private final ConcurrentMap<String, Room> rooms = new ConcurrentHashMap<>();
  private final RoomStore store;
  private final RoomConfig config;
  private final Clock clock;
  private final Executor executor;
  private final ScheduledExecutorService timer;
  private final RoomObserver observer;

  public RoomRegistry(RoomStore store, RoomConfig config, Clock clock, Executor executor,
      ScheduledExecutorService timer, RoomObserver observer) {
    this.store = store;
    this.config = config;
    this.clock = clock;
    this.executor = executor;
    this.timer = timer;
    this.observer = observer;
  }

  /**
   * The room for a well-formed id (whether it exists is the room's to say, from storage).
   *
   * @throws IllegalArgumentException for an id that is not a Tandem room id
   */
  public Room room(String id) {
    if (!Ids.isValid(id)) {
      throw new IllegalArgumentException("not a room id");
    }
    return rooms.computeIfAbsent(id, key -> new Room(key, store, config, clock, executor, timer, observer, this));
  }

  /** Removes {@code room} if it is still the registered object for its id; true when removed. */
  boolean retire(Room room) {
    return rooms.remove(room.id(), room);
  }

  public RoomConfig config() {
    return config;
  }

  /** Rooms with an actor in this process (active or hibernated). */
  public int size() {
    return rooms.size();
  }

  /** Asks every room to close its connections (shutdown). */
  public void shutdownAll() {
    rooms.values().forEach(Room::shutdown);
  }
}
