package dev.tandem.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One chat message of a room.
 *
 * @param id unique within the room; appending an id the room already has is a no-op (resends)
 * @param clientId the sending client
 * @param userName the sender's display name at the time
 * @param userColor the sender's colour at the time (for example {@code #e91e63})
 * @param text the message
 * @param time when the room accepted it
 */
public record ChatRecord(
    String id, String clientId, String userName, String userColor, String text, Instant time) {

  public ChatRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(userColor, "userColor");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(time, "time");
  }
}
