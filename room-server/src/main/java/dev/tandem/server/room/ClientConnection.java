package dev.tandem.server.room;

import dev.tandem.protocol.ErrorCode;
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

  /** Sends an {@code error} frame for {@code code} and closes with its close code. Idempotent. */
  void close(ErrorCode code, String message);
}
