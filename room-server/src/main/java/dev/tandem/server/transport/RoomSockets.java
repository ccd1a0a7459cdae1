package dev.tandem.server.transport;

import dev.tandem.protocol.Ids;
import dev.tandem.protocol.Protocol;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.room.RoomRegistry;
import java.util.zip.Deflater;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.compression.DeflaterPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Mounts the room WebSocket endpoint at {@code /rooms/{id}} in front of the HTTP routes. A path
 * whose id is not a well-formed room id is refused before the upgrade (404).
 *
 * <p>Outgoing frames are compressed (permessage-deflate, when the client offers it, as OkHttp does)
 * at {@link Deflater#BEST_SPEED} rather than Jetty's default level 6: the deflate runs on the
 * room's thread as it sends, and at level 6 the welcome of a 10 MB room took ≈ 0.5 s of it (level
 * 1: ≈ 0.1 s; the frame is ≈ 21 % of its size instead of 14 %). Small frames compress alike at both.
 */
public final class RoomSockets {
  /** Jetty's per-connection output buffer while frames are being written (see below). */
  static final int OUTPUT_BUFFER_BYTES = 64 * 1024;

  private RoomSockets() {}

  public static WebSocketUpgradeHandler install(Server server, ContextHandler context, RoomRegistry rooms,
      TransportMetrics metrics, ServerConfig config, Liveness liveness) {
    long maxFrame = rooms.config().limits().maxFrameBytes();
    if (server.getBean(DeflaterPool.class) == null) {
      // Picked up by the WebSocket components below (DeflaterPool.ensurePool looks for this bean).
      server.addBean(new DeflaterPool(1024, Deflater.BEST_SPEED, true));
    }
    WebSocketUpgradeHandler upgrade = WebSocketUpgradeHandler.from(server, context, container -> {
      container.setMaxTextMessageSize(maxFrame);
      container.setMaxFrameSize(maxFrame);
      container.setIdleTimeout(config.idleTimeout());
      // Frames the room holds for one write per batch (JettyRoomEndpoint.sendHeld) are gathered
      // by Jetty only when smaller than a quarter of this buffer (default 4 KiB: an ops frame of
      // ~10 typed ops already went out alone). The buffer is taken from Jetty's pool while frames
      // are held and given back once they are written, so idle connections do not keep it.
      container.setOutputBufferSize(OUTPUT_BUFFER_BYTES);
      container.addMapping(Protocol.ROOM_PATH_PREFIX + "*", (request, response, callback) -> {
        String path = request.getHttpURI().getPath();
        String id = path.substring(Protocol.ROOM_PATH_PREFIX.length());
        if (!Ids.isValid(id)) {
          response.setStatus(404);
          callback.succeeded();
          return null;
        }
        return new JettyRoomEndpoint(id, rooms, metrics, config.maxOutboundBytes(), liveness);
      });
    });
    return upgrade;
  }
}
