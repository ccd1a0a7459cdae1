package dev.tandem.protocol;

/**
 * Turns protocol frames (JSON text) into message records and back.
 *
 * <p>Every frame is one JSON object with a string {@code type}. Decoding is strict about what it
 * reads and lenient about what it does not: unknown extra fields are ignored, so a newer peer may
 * add optional fields without a version change. Decoding never returns null and never throws
 * anything but {@link ProtocolException}:
 * <ul>
 *   <li>{@link ErrorCode#INVALID_JSON}: not JSON (including trailing garbage, duplicate keys);</li>
 *   <li>{@link ErrorCode#BAD_FRAME}: not an object, a required field missing, a field of the wrong
 *       type or out of range;</li>
 *   <li>{@link ErrorCode#UNKNOWN_TYPE}: {@code type} missing, not a string, or unknown;</li>
 *   <li>{@link ErrorCode#BAD_DELTA}: a delta field is malformed ({@link DeltaJson});</li>
 *   <li>{@link ErrorCode#UNSUPPORTED_VERSION}: {@code hello.v} is not {@link Protocol#PROTOCOL_VERSION}.</li>
 * </ul>
 * For an {@code op} frame whose {@code seq} was readable, the exception's {@link ProtocolException#seq()}
 * names it, so the server's error frame can say which op it rejects.
 *
 * <p>Encoding always succeeds for a valid record and is deterministic (fixed field order, sorted
 * attribute keys). Stateless and thread-safe.
 */
public final class MessageCodec {
  private MessageCodec() {}

  /** Server side: a frame from a client. */
  public static ClientMessage decodeClient(String frame) {
    return ClientCodec.decode(frame);
  }

  /** Client side: the frame for a message to the server. */
  public static String encode(ClientMessage message) {
    return ClientCodec.encode(message);
  }

  /** Client side: a frame from the server. */
  public static ServerMessage decodeServer(String frame) {
    return ServerCodec.decode(frame);
  }

  /** Server side: the frame for a message to a client. */
  public static String encode(ServerMessage message) {
    return ServerCodec.encode(message);
  }
}
