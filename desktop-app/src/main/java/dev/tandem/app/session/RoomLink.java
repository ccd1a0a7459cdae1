package dev.tandem.app.session;

import dev.tandem.protocol.Ids;
import java.net.URI;
import java.util.Optional;

/**
 * A parsed room link (docs/protocol.md §2): {@code tandem://host:port/ROOM?key=KEY} (WebSocket
 * without TLS) or {@code http(s)://host:port/r/ROOM#key=KEY} (ws or wss). The key is a secret:
 * {@link #toString()} hides it.
 */
public record RoomLink(boolean secure, String host, int port, String roomId, String key) {

  /** Parses a pasted link; empty when it is not a Tandem room link (surrounding spaces are fine). */
  public static Optional<RoomLink> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.strip();
    URI uri;
    try {
      uri = new URI(s);
    } catch (Exception e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      return Optional.empty();
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String room;
    String key;
    boolean secure;
    switch (scheme) {
      case "tandem" -> {
        room = path.startsWith("/") ? path.substring(1) : path;
        key = param(uri.getRawQuery());
        secure = false;
      }
      case "http", "https" -> {
        if (!path.startsWith("/r/")) {
          return Optional.empty();
        }
        room = path.substring(3);
        key = param(uri.getRawFragment());
        secure = scheme.equals("https");
      }
      default -> {
        return Optional.empty();
      }
    }
    if (room.endsWith("/")) {
      room = room.substring(0, room.length() - 1);
    }
    if (!Ids.isValid(room) || key == null || !Ids.isValid(key)) {
      return Optional.empty();
    }
    int port = uri.getPort() > 0 ? uri.getPort() : (secure ? 443 : 80);
    return Optional.of(new RoomLink(secure, host, port, room, key));
  }

  private static String param(String query) {
    if (query == null) {
      return null;
    }
    for (String part : query.split("&")) {
      if (part.startsWith("key=")) {
        return part.substring(4);
      }
    }
    return null;
  }

  /** Where the WebSocket goes (the key is not in it: it travels in {@code hello}). */
  public URI webSocketUri() {
    return URI.create((secure ? "wss" : "ws") + "://" + host + ":" + port + "/rooms/" + roomId);
  }

  /** The same room with another key (for share links). */
  public RoomLink withKey(String otherKey) {
    return new RoomLink(secure, host, port, roomId, otherKey);
  }

  /** The link as the app shares it. */
  public String toLinkText() {
    return secure
        ? "https://" + host + ":" + port + "/r/" + roomId + "#key=" + key
        : "tandem://" + host + ":" + port + "/" + roomId + "?key=" + key;
  }

  @Override
  public String toString() {
    return "RoomLink[" + (secure ? "wss" : "ws") + "://" + host + ":" + port + "/rooms/" + roomId + ", key=<hidden>]";
  }
}
