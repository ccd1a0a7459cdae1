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

  // ---- pre-encoded pieces, for a server fanning one batch out to many clients ----------------

  /**
   * Server side: one committed op as an element of an {@code ops} frame's {@code ops} array, for
   * {@link #opsFrame}. Encode each op once and assemble every recipient's frame from the pieces.
   */
  public static String encodeCommittedOp(Values.CommittedOp op) {
    return Frames.write(Frames.committedOp(op));
  }

  /**
   * Server side: the {@code ops} frame of ops encoded by {@link #encodeCommittedOp}, in order;
   * exactly {@code encode(new ServerMessage.Ops(ops))}, without encoding the ops again.
   *
   * @throws IllegalArgumentException if {@code encodedOps} is empty (an ops frame never is)
   */
  public static String opsFrame(java.util.List<String> encodedOps) {
    if (encodedOps.isEmpty()) {
      throw new IllegalArgumentException("ops must not be empty");
    }
    int size = OPS_PREFIX.length() + 2;
    for (String op : encodedOps) {
      size += op.length() + 1;
    }
    StringBuilder frame = new StringBuilder(size).append(OPS_PREFIX);
    for (int i = 0; i < encodedOps.size(); i++) {
      if (i > 0) {
        frame.append(',');
      }
      frame.append(encodedOps.get(i));
    }
    return frame.append("]}").toString();
  }

  /** Server side: exactly {@code encode(new ServerMessage.Ack(seq, rev))}, without a JSON tree. */
  public static String ackFrame(long seq, long rev) {
    new ServerMessage.Ack(seq, rev); // validates like the record
    return "{\"type\":\"ack\",\"seq\":" + seq + ",\"rev\":" + rev + "}";
  }

  private static final String OPS_PREFIX = "{\"type\":\"ops\",\"ops\":[";
}
