package dev.tandem.server.room;

import dev.tandem.ot.Latin1;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.MessageCodec;
import dev.tandem.protocol.ServerMessage;

/**
 * A client's WebSocket as a {@link Room} sees it. The transport implements it; the room calls it
 * only from the room's thread.
 *
 * <p>Both methods return at once: frames go into the connection's bounded outbound queue. A
 * connection whose queue passes its bound closes itself as a slow consumer and later reports
 * {@link Room#leave}.
 */
public interface ClientConnection {

  /** Queues a frame. Returns false when the connection is closing or closed (the frame is dropped). */
  boolean send(ServerMessage message);

  /**
   * Queues a frame already encoded by {@link MessageCodec} (or assembled from its pre-encoded
   * pieces), so that a frame sent to many clients is encoded once. Same contract as {@link #send}.
   * The default decodes it again (for connections that keep messages, such as test doubles); a
   * transport overrides it to send the text as is.
   */
  default boolean sendFrame(String frame) {
    return send(MessageCodec.decodeServer(frame));
  }

  /**
   * {@link #sendFrame(String)} for a caller that already knows the frame's size in UTF-8
   * ({@code utf8Bytes == utf8Length(frame)}), so the transport need not scan it again.
   */
  default boolean sendFrame(String frame, long utf8Bytes) {
    return sendFrame(frame);
  }

  /**
   * Queues a frame encoded once for many recipients, and may hold it, with the frames held after
   * it, until {@link #flush} (so that what one batch brings a client leaves in one write). Same
   * contract as {@link #send} otherwise; frames keep their order with every other frame of the
   * connection. The default sends it at once.
   */
  default boolean sendHeld(OutboundFrame frame) {
    return sendFrame(frame.text(), frame.utf8().length);
  }

  /** Writes the frames {@link #sendHeld} holds, if any. Never blocks. */
  default void flush() {}

  /**
   * Queues a frame encoded once for many recipients, like {@link #sendHeld}, and writes it with
   * the frames held before it, as {@code sendHeld(frame)} then {@link #flush} would (the default),
   * in one step: a transport can write it without holding it first.
   */
  default boolean sendLast(OutboundFrame frame) {
    boolean queued = sendHeld(frame);
    flush();
    return queued;
  }

  /** Bytes {@code s} takes in UTF-8, without a per-char loop for long Latin-1 frames (see {@link Latin1}). */
  static long utf8Length(String s) {
    return Latin1.utf8Length(s);
  }

  /** Sends an {@code error} frame for {@code code} and closes with its close code. Idempotent. */
  void close(ErrorCode code, String message);
}
