package dev.tandem.sync;

import dev.tandem.protocol.Ids;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * Where a room is and the key to it, parsed from a room link (docs/protocol.md, section 2):
 * <pre>
 *   tandem://host:port/ROOM?key=KEY         → ws://host:port/rooms/ROOM    (LAN hosting)
 *   tandem://host:port/ROOM?key=KEY&amp;tls=1   → wss://host:port/rooms/ROOM   (a server with TLS)
 *   https://host:port/r/ROOM#key=KEY        → wss://host:port/rooms/ROOM
 *   http://host:port/r/ROOM#key=KEY         → ws://host:port/rooms/ROOM    (LAN, tests)
 * </pre>
 * A missing port is 443 for a TLS link and 80 otherwise. {@link #appLink()} and {@link #webLink()}
 * format a link back (the key included).
 * The key is a secret: it travels only in {@code hello}, never in the socket URL, and
 * {@link #toString()} leaves it out.
 */
public record RoomLink(String host, int port, boolean secure, String roomId, String key) {

  public RoomLink {
    Objects.requireNonNull(host, "host");
    if (host.isEmpty()) {
      throw new IllegalArgumentException("the link has no host");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, was " + port);
    }
    if (!Ids.isValid(roomId)) {
      throw new IllegalArgumentException("not a room id: '" + roomId + "'");
    }
    if (!Ids.isValid(key)) {
      throw new IllegalArgumentException("the room key is malformed");
    }
  }

  /** A plain-WebSocket link from its parts (LAN hosting, tests). */
  public static RoomLink of(String host, int port, String roomId, String key) {
    return new RoomLink(host, port, false, roomId, key);
  }

  /**
   * Parses a {@code tandem://}, {@code https://} or {@code http://} room link.
   *
   * @throws IllegalArgumentException with a message a user can act on
   */
  public static RoomLink parse(String link) {
    Objects.requireNonNull(link, "link");
    URI uri;
    try {
      uri = new URI(link.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a link: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    String host = uri.getHost();
    if (host == null) {
      throw new IllegalArgumentException("the link has no host: expected tandem://host:port/ROOM?key=…");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return switch (scheme) {
      case "tandem" -> {
        boolean tls = tlsFrom(uri.getRawQuery());
        yield new RoomLink(host, portOr(uri, tls ? 443 : 80), tls,
            roomFrom(path, "/"), keyFrom(uri.getRawQuery(), "query (?key=…)"));
      }
      case "https" -> new RoomLink(host, portOr(uri, 443), true,
          roomFrom(path, "/r/"), keyFrom(uri.getRawFragment(), "fragment (#key=…)"));
      case "http" -> new RoomLink(host, portOr(uri, 80), false,
          roomFrom(path, "/r/"), keyFrom(uri.getRawFragment(), "fragment (#key=…)"));
      default -> throw new IllegalArgumentException(
          "unsupported link scheme '" + scheme + "': expected tandem, https or http");
    };
  }

  /** {@code tandem://host:port/ROOM?key=KEY}, plus {@code &tls=1} for a TLS server. Holds the key. */
  public String appLink() {
    return "tandem://" + hostForUrl() + ":" + port + "/" + roomId + "?key=" + key + (secure ? "&tls=1" : "");
  }

  /** {@code https://host:port/r/ROOM#key=KEY} ({@code http} without TLS). Holds the key. */
  public String webLink() {
    return (secure ? "https://" : "http://") + hostForUrl() + ":" + port + "/r/" + roomId + "#key=" + key;
  }

  /** The same room with another key (after a key rotation). */
  public RoomLink withKey(String otherKey) {
    return new RoomLink(host, port, secure, roomId, otherKey);
  }

  /** The WebSocket URL (no key in it). */
  public String webSocketUrl() {
    return (secure ? "wss://" : "ws://") + hostForUrl() + ":" + port + "/rooms/" + roomId;
  }

  private String hostForUrl() {
    return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /** Without the key. */
  @Override
  public String toString() {
    return "RoomLink[" + webSocketUrl() + ", key=<redacted>]";
  }

  private static int portOr(URI uri, int fallback) {
    return uri.getPort() == -1 ? fallback : uri.getPort();
  }

  private static String roomFrom(String path, String prefix) {
    if (!path.startsWith(prefix)) {
      throw new IllegalArgumentException("the link's path must be " + prefix + "ROOM, was '" + path + "'");
    }
    String room = path.substring(prefix.length());
    if (room.endsWith("/")) {
      room = room.substring(0, room.length() - 1);
    }
    if (!Ids.isValid(room)) {
      throw new IllegalArgumentException("the link names no valid room id ('" + room
          + "'; expected 26 characters a-z, 2-7)");
    }
    return room;
  }

  /** {@code tls=1} in the query of a {@code tandem://} link; absent or {@code tls=0}: plain. */
  private static boolean tlsFrom(String query) {
    if (query != null) {
      for (String part : query.split("&")) {
        if (part.startsWith("tls=")) {
          return switch (part.substring(4)) {
            case "1" -> true;
            case "0" -> false;
            default -> throw new IllegalArgumentException("the link's tls parameter must be 1 or 0, was '"
                + part.substring(4) + "'");
          };
        }
      }
    }
    return false;
  }

  private static String keyFrom(String params, String where) {
    if (params != null) {
      for (String part : params.split("&")) {
        if (part.startsWith("key=")) {
          String key = part.substring(4);
          if (!Ids.isValid(key)) {
            throw new IllegalArgumentException("the link's key is malformed (expected 26 characters a-z, 2-7)");
          }
          return key;
        }
      }
    }
    throw new IllegalArgumentException("the link has no key: expected it in the " + where);
  }
}
