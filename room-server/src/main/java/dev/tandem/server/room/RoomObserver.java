package dev.tandem.server.room;

/**
 * What a room reports for metrics, including the Durable Objects billing units: the time its
 * state is in memory ({@link #activated} to {@link #hibernated}) and the client messages it
 * handles and frames it sends. Called on the room's thread; implementations must be fast and
 * thread-safe across rooms.
 */
public interface RoomObserver {
  RoomObserver NONE = new RoomObserver() {};

  /**
   * A frame a client sent on its WebSocket reached the room ({@code hello} or any later frame;
   * counted once, even when it waited for a storage read). The room's own work (write results,
   * timers, reads) is not counted.
   */
  default void received(String roomId) {}

  /** The room queued a frame to a client. */
  default void sent(String roomId) {}

  default void joined(String roomId, int participants) {}

  default void left(String roomId, int participants) {}

  /** {@code ops} ops of the room became durable in one write. */
  default void committed(String roomId, int ops) {}

  /** The room loaded its state from storage (first use, after hibernation, after a failure). */
  default void activated(String roomId) {}

  /**
   * The room's state left memory: it hibernated after being idle, or dropped its state after a
   * storage failure or internal error.
   */
  default void hibernated(String roomId) {}

  /**
   * The room's object left the registry (nobody connected, nothing in memory); the id gets a new
   * object if it is used again.
   */
  default void retired(String roomId) {}
}
