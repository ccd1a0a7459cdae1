package dev.tandem.server.http;

/**
 * The two forms of a room link (docs/protocol.md §2): {@code tandem://host:port/ROOM?key=KEY} for
 * the app, and {@code http(s)://host:port/r/ROOM#key=KEY} for a browser, which shows the landing
 * page. The key travels in the fragment of the web link so it never reaches a server log.
 *
 * <p>An app link to a server reached over TLS ({@code base} is {@code https://…}) carries
 * {@code &tls=1}: the app then connects with {@code wss://}. Without it, {@code tandem://} means
 * plain {@code ws://} (LAN hosting), as it always did.
 */
public final class RoomLinks {
  private RoomLinks() {}

  /** {@code base} is {@code http(s)://host[:port]} without a trailing slash. */
  public static String appLink(String base, String roomId, String key) {
    return appLinkWithoutKey(base, roomId) + "?key=" + key + tlsParameter(base);
  }

  public static String webLink(String base, String roomId, String key) {
    return base + "/r/" + roomId + "#key=" + key;
  }

  /** {@code tandem://host[:port]/ROOM}: the app link before its query. */
  static String appLinkWithoutKey(String base, String roomId) {
    String authority = base.substring(base.indexOf("://") + 3);
    return "tandem://" + authority + "/" + roomId;
  }

  /** {@code &tls=1} when {@code base} is an {@code https} URL, else empty. */
  static String tlsParameter(String base) {
    return base.regionMatches(true, 0, "https://", 0, 8) ? "&tls=1" : "";
  }
}
