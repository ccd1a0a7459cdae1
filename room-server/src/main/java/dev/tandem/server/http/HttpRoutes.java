package dev.tandem.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.protocol.Ids;
import dev.tandem.server.room.RoomCreator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The plain HTTP side of the server: {@code POST /api/rooms} (create a room),
 * {@code GET /r/{id}} (the landing page of a shared link), {@code GET /healthz} and
 * {@code GET /metrics} (Prometheus; 404 when the server does not serve metrics). Everything else
 * is 404. Stateless; thread-safe.
 */
public final class HttpRoutes extends Handler.Abstract {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RoomCreator creator;
  private final String createToken;
  private final String publicUrl;
  private final Supplier<String> metrics;

  /** {@code metrics} null: {@code /metrics} is not served. {@code createToken} null: anyone may create rooms. */
  public HttpRoutes(RoomCreator creator, String createToken, String publicUrl, Supplier<String> metrics) {
    this.creator = creator;
    this.createToken = createToken;
    this.publicUrl = publicUrl;
    this.metrics = metrics;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    if (path.equals("/api/rooms")) {
      if (!HttpMethod.POST.is(method)) {
        return reply(response, callback, 405, "text/plain", "use POST to create a room\n");
      }
      return createRoom(request, response, callback);
    }
    if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
      return reply(response, callback, 405, "text/plain", "method not allowed\n");
    }
    if (path.equals("/healthz")) {
      return reply(response, callback, 200, "text/plain", "ok\n");
    }
    if (path.equals("/metrics") && metrics != null) {
      return reply(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get());
    }
    if (path.startsWith("/r/")) {
      String id = path.substring(3);
      if (!Ids.isValid(id)) {
        return reply(response, callback, 404, "text/plain", "no such room link\n");
      }
      return reply(response, callback, 200, "text/html; charset=utf-8", LandingPage.html(base(request), id));
    }
    return reply(response, callback, 404, "text/plain", "not found\n");
  }

  private boolean createRoom(Request request, Response response, Callback callback) {
    if (createToken != null && !authorized(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
      return reply(response, callback, 401, "application/json",
          "{\"error\":\"unauthorized\",\"message\":\"this server needs a bearer token to create rooms\"}");
    }
    RoomCreator.NewRoom room = creator.create();
    String base = base(request);
    ObjectNode body = JSON.createObjectNode()
        .put("id", room.id())
        .put("editKey", room.editKey())
        .put("viewKey", room.viewKey())
        .put("adminKey", room.adminKey())
        // docs/protocol.md §2: editLink/viewLink are the web form (https://…/r/ROOM#key=);
        // the tandem:// forms are extra, optional fields.
        .put("editLink", RoomLinks.webLink(base, room.id(), room.editKey()))
        .put("viewLink", RoomLinks.webLink(base, room.id(), room.viewKey()))
        .put("editAppLink", RoomLinks.appLink(base, room.id(), room.editKey()))
        .put("viewAppLink", RoomLinks.appLink(base, room.id(), room.viewKey()))
        .put("adminAppLink", RoomLinks.appLink(base, room.id(), room.adminKey()));
    return reply(response, callback, 201, "application/json", body.toString());
  }

  private boolean authorized(String header) {
    if (header == null || !header.startsWith("Bearer ")) {
      return false;
    }
    byte[] presented = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(presented, createToken.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code http(s)://host:port} for links: the configured public URL, else the request's. */
  private String base(Request request) {
    if (publicUrl != null) {
      return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }
    String scheme = request.isSecure() ? "https" : "http";
    return scheme + "://" + Request.getServerName(request) + ":" + Request.getServerPort(request);
  }

  private static boolean reply(Response response, Callback callback, int status, String type, String body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, StandardCharsets.UTF_8.encode(body), callback);
    return true;
  }
}
