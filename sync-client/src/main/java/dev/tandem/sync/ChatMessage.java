package dev.tandem.sync;

import dev.tandem.protocol.Values.User;
import java.time.Instant;
import java.util.Objects;

/** A chat line as the server stored it: {@code id} and {@code time} are the server's. */
public record ChatMessage(String id, String clientId, User user, String text, Instant time) {
  public ChatMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(time, "time");
  }
}
