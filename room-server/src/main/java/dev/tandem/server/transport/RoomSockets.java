package dev.tandem.server.transport;

import dev.tandem.protocol.Ids;
import dev.tandem.protocol.Protocol;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.room.RoomRegistry;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Mounts the room WebSocket endpoint at {@code /rooms/{id}} in front of the HTTP routes. A path
 * whose id is not a well-formed room id is refused before the upgrade (404).
 */
public final class RoomSockets {
  private RoomSockets() {}

  public static WebSocketUpgradeHandler install(Server server, ContextHandler context, RoomRegistry rooms,
      TransportMetrics metrics, ServerConfig config, Liveness liveness) {
    long maxFrame = rooms.config().limits().maxFrameBytes();
    WebSocketUpgradeHandler upgrade = WebSocketUpgradeHandler.from(server, context, container -> {
      container.setMaxTextMessageSize(maxFrame);
      container.setMaxFrameSize(maxFrame);
      container.setIdleTimeout(config.idleTimeout());
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
