package dev.tandem.server.http;

/**
 * The two forms of a room link (docs/protocol.md): {@code tandem://host:port/ROOM?key=KEY} for the
 * app, and {@code http(s)://host:port/r/ROOM#key=KEY} for a browser, which shows the landing page.
 * The key travels in the fragment of the web link so it never reaches a server log.
 */
public final class RoomLinks {
  private RoomLinks() {}

  /** {@code base} is {@code http(s)://host:port} without a trailing slash. */
  public static String appLink(String base, String roomId, String key) {
    String authority = base.substring(base.indexOf("://") + 3);
    return "tandem://" + authority + "/" + roomId + "?key=" + key;
  }

  public static String webLink(String base, String roomId, String key) {
    return base + "/r/" + roomId + "#key=" + key;
  }
}
