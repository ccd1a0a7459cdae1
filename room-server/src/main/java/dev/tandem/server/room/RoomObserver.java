package dev.tandem.server.room;

/**
 * What a room reports for metrics (the Durable Objects billing units: active time and messages).
 * Called on the room's thread; implementations must be fast and thread-safe across rooms.
 */
public interface RoomObserver {
  RoomObserver NONE = new RoomObserver() {};

  /** The room handled a mailbox message in {@code nanos} of active time. */
  default void handled(String roomId, Object command, long nanos) {}

  /** The room queued a frame to a client. */
  default void sent(String roomId) {}

  default void joined(String roomId, int participants) {}

  default void left(String roomId, int participants) {}

  /** {@code ops} ops of the room became durable in one write. */
  default void committed(String roomId, int ops) {}

  /** The room loaded its state from storage (first use or after hibernation). */
  default void activated(String roomId) {}

  /** The room dropped its document and history from memory. */
  default void hibernated(String roomId) {}
}
