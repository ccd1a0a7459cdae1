package dev.tandem.server.it;

import static dev.tandem.server.it.Edits.insert;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.protocol.Ids;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.server.RoomServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP routes of docs/protocol.md §2 on a server that requires a token to create rooms. */
class HttpRoutesTest {
  static final String TOKEN = "s3cret-token";
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path data;
  static RoomServer server;

  @BeforeAll
  static void start() {
    server = RunningServer.start(RunningServer.config(data).createToken(TOKEN).build());
  }

  @AfterAll
  static void stop() {
    RunningServer.stop(server);
  }

  private static HttpResponse<String> call(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.timeout(TestClient.WAIT).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder at(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
  }

  @Test
  void createRoomNeedsTheBearerTokenAndReturnsKeysAndWebLinks() throws Exception {
    assertThat(call(at("/api/rooms").POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(401);
    assertThat(call(at("/api/rooms").header("Authorization", "Bearer wrong")
        .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(401);

    HttpResponse<String> created = call(at("/api/rooms").header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode body = new ObjectMapper().readTree(created.body());
    String id = body.get("id").asText();
    assertThat(Ids.isValid(id)).isTrue();
    for (String key : new String[] {"editKey", "viewKey", "adminKey"}) {
      assertThat(Ids.isValid(body.get(key).asText())).as(key).isTrue();
    }
    String base = "http://127.0.0.1:" + server.port();
    assertThat(body.get("editLink").asText()).isEqualTo(base + "/r/" + id + "#key=" + body.get("editKey").asText());
    assertThat(body.get("viewLink").asText()).isEqualTo(base + "/r/" + id + "#key=" + body.get("viewKey").asText());

    // The keys open the room.
    try (TestClient c = TestClient.connect(server.port(), id)) {
      c.hello(id, body.get("editKey").asText());
    }
  }

  @Test
  void withoutACreateTokenAnyoneMayCreateRooms(@TempDir Path own) throws Exception {
    try (RoomServer open = RunningServer.start(own)) {
      HttpResponse<String> created = call(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + open.port() + "/api/rooms")).POST(HttpRequest.BodyPublishers.noBody()));
      assertThat(created.statusCode()).isEqualTo(201);
      assertThat(Ids.isValid(new ObjectMapper().readTree(created.body()).get("id").asText())).isTrue();
    }
  }

  @Test
  void landingPageOffersTheAppLinkAndNoDocumentContent() throws Exception {
    var room = server.createRoom();
    try (TestClient c = TestClient.connect(server.port(), room.id())) {
      c.hello(room.id(), room.editKey());
      c.op(0, 1, insert(0, "top secret text", c.clientId));
      c.next(ServerMessage.Ack.class);
    }
    HttpResponse<String> page = call(at("/r/" + room.id()).GET());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.body()).contains("Open in Tandem", "tandem://127.0.0.1:" + server.port() + "/" + room.id())
        .doesNotContain("top secret", room.editKey(), room.viewKey());
    assertThat(call(at("/r/NOT-AN-ID").GET()).statusCode()).isEqualTo(404);
  }

  @Test
  void healthAndMetrics() throws Exception {
    HttpResponse<String> health = call(at("/healthz").GET());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body().strip()).isEqualTo("ok");

    var room = server.createRoom();
    try (TestClient c = TestClient.connect(server.port(), room.id())) {
      c.hello(room.id(), room.editKey());
      c.op(0, 1, insert(0, "x", c.clientId));
      c.next(ServerMessage.Ack.class);
      String metrics = call(at("/metrics").GET()).body();
      assertThat(metrics).contains(
          "tandem_connections ", "tandem_rooms_active ", "tandem_rooms_hibernated ",
          "tandem_ops_committed_total ", "tandem_messages_in_total ", "tandem_messages_out_total ",
          "tandem_commit_latency_seconds_count ", "tandem_commit_batch_size_count ",
          "tandem_room_active_seconds_total{room=\"" + room.id() + "\"}");
      assertThat(RunningServer.metric(server, "tandem_connections")).isGreaterThanOrEqualTo(1.0);
      assertThat(RunningServer.metric(server, "tandem_ops_committed_total")).isGreaterThanOrEqualTo(1.0);
    }
  }

  @Test
  void aServerThatServesNoMetricsAnswers404ThereAndStillServesRooms(@TempDir Path own) throws Exception {
    try (RoomServer quiet = RunningServer.start(RunningServer.config(own).servesMetrics(false).build())) {
      var room = quiet.createRoom();
      String base = "http://127.0.0.1:" + quiet.port();
      HttpResponse<String> metrics = call(HttpRequest.newBuilder(URI.create(base + "/metrics")).GET());
      assertThat(metrics.statusCode()).isEqualTo(404);
      assertThat(metrics.body()).doesNotContain(room.id()).doesNotContain("tandem_");
      assertThat(call(HttpRequest.newBuilder(URI.create(base + "/healthz")).GET()).statusCode()).isEqualTo(200);
      assertThat(call(HttpRequest.newBuilder(URI.create(base + "/r/" + room.id())).GET()).statusCode()).isEqualTo(200);
      try (TestClient c = TestClient.connect(quiet.port(), room.id())) {
        c.hello(room.id(), room.editKey());
      }
    }
    assertThat(RunningServer.config(own).build().servesMetrics()).as("the standalone server's default").isTrue();
  }
}
