package dev.tandem.server.it;

import static dev.tandem.server.it.Edits.insert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.server.RoomServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server started with a TLS keystore (a self-signed certificate made for the test): rooms are
 * created over https, joined over wss, and every link it hands out says TLS — the web links are
 * {@code https://}, the app links carry {@code &tls=1} (docs/protocol.md §2) — since its only
 * connector speaks TLS and a plain {@code ws://} connection cannot reach a room.
 */
class TlsTest {
  @TempDir static Path dir;
  static RoomServer server;
  static HttpClient https;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    TestCertificate certificate = TestCertificate.create(dir);
    server = RunningServer.start(RunningServer.config(dir.resolve("data"))
        .tls(certificate.keystore, TestCertificate.PASSWORD).build());
    https = HttpClient.newBuilder().sslContext(certificate.trustingContext()).build();
    base = "127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() {
    RunningServer.stop(server);
  }

  @Test
  void roomsCreatedOverHttpsHaveTlsLinksAndAreJoinedOverWss() throws Exception {
    HttpResponse<String> created = https.send(HttpRequest.newBuilder(URI.create("https://" + base + "/api/rooms"))
        .timeout(TestClient.WAIT).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode body = new ObjectMapper().readTree(created.body());
    String id = body.get("id").asText();
    String editKey = body.get("editKey").asText();
    String viewKey = body.get("viewKey").asText();
    assertThat(body.get("editLink").asText()).isEqualTo("https://" + base + "/r/" + id + "#key=" + editKey);
    assertThat(body.get("viewLink").asText()).isEqualTo("https://" + base + "/r/" + id + "#key=" + viewKey);
    assertThat(body.get("editAppLink").asText()).isEqualTo("tandem://" + base + "/" + id + "?key=" + editKey + "&tls=1");
    assertThat(body.get("viewAppLink").asText()).isEqualTo("tandem://" + base + "/" + id + "?key=" + viewKey + "&tls=1");
    assertThat(server.appLink("127.0.0.1", id, editKey)).isEqualTo(body.get("editAppLink").asText());

    HttpResponse<String> landing = https.send(HttpRequest.newBuilder(URI.create("https://" + base + "/r/" + id))
        .timeout(TestClient.WAIT).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(landing.statusCode()).isEqualTo(200);
    assertThat(landing.body()).contains("var link = 'tandem://" + base + "/" + id + "?key=' + key + '&tls=1';");

    try (TestClient a = TestClient.connect(https, "wss://" + base, id);
         TestClient b = TestClient.connect(https, "wss://" + base, id)) {
      a.hello(id, editKey);
      b.hello(id, viewKey);
      a.op(0, 1, insert(0, "over tls", a.clientId));
      assertThat(a.skipTo(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(1, 1));
      assertThat(b.skipTo(ServerMessage.Ops.class).ops().getFirst().rev()).isEqualTo(1);
    }
  }

  @Test
  void plainWebSocketsCannotReachATlsServer() {
    var room = server.createRoom();
    assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TestClient.WAIT)
        .buildAsync(URI.create("ws://" + base + "/rooms/" + room.id()), new WebSocket.Listener() {})
        .get(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS))
        .isInstanceOf(java.util.concurrent.ExecutionException.class);
  }

  @Test
  void anUntrustedCertificateIsRefused() {
    var room = server.createRoom();
    assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TestClient.WAIT)
        .buildAsync(URI.create("wss://" + base + "/rooms/" + room.id()), new WebSocket.Listener() {})
        .get(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS))
        .hasStackTraceContaining("SSLHandshakeException");
  }
}
