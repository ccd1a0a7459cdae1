package dev.tandem.protocol;

/** Constants of the wire contract (docs/protocol.md). */
public final class Protocol {
  private Protocol() {}

  /** The protocol version this code speaks; {@code hello.v} must equal it. */
  public static final int PROTOCOL_VERSION = 1;

  /** WebSocket path of a room: {@code /rooms/{roomId}}. */
  public static final String ROOM_PATH_PREFIX = "/rooms/";

  /** Largest integer on the wire (revisions, seq, ts): 2<sup>53</sup> − 1, exact in JavaScript too. */
  public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  /** Chat messages sent to a joiner in {@code welcome.chat}. */
  public static final int RECENT_CHAT = 100;

  /** Most ranges in one presence message. */
  public static final int MAX_RANGES = 100;
}
