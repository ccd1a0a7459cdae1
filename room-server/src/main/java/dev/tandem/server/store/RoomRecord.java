package dev.tandem.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * What the store knows about a room besides its history: its id, the hashes of its capability
 * keys and when it was created.
 */
public record RoomRecord(String id, KeyHashes keys, Instant created) {

  public RoomRecord {
    requireRoomId(id);
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(created, "created");
  }

  /** The copy of this record after a key rotation. */
  public RoomRecord withKeys(KeyHashes newKeys) {
    return new RoomRecord(id, newKeys, created);
  }

  /**
   * Checks only that an id is present; the transport validates the id's format (random 128-bit)
   * before a request reaches the store.
   */
  static String requireRoomId(String id) {
    Objects.requireNonNull(id, "roomId");
    if (id.isBlank()) {
      throw new IllegalArgumentException("roomId must not be blank");
    }
    return id;
  }
}
