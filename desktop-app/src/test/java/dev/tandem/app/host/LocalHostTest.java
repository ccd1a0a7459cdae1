package dev.tandem.app.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.app.testing.Ports;
import dev.tandem.app.testing.Reader;
import dev.tandem.app.viewmodel.HostingMessages;
import dev.tandem.sync.RoomLink;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded host across restarts of the app: a real room server on loopback, real SQLite in a
 * temporary data directory, real sessions joining with the links people were given.
 */
class LocalHostTest {
  @TempDir Path data;

  private LocalHost host(int preferredPort) {
    return new LocalHost(data.resolve("rooms"), "127.0.0.1", "127.0.0.1", preferredPort);
  }


  @Test
  void anEditLinkFromBeforeARestartStillJoinsTheRoomAndSeesItsText() throws Exception {
    int port = Ports.unused();
    String editLink;
    LocalHost first = host(port);
    try {
      LocalHost.HostedRoom room = first.createRoom();
      editLink = room.editLink();
      assertThat(first.listening()).isEqualTo(new LocalHost.Listening(port, port));
      assertThat(RoomLink.parse(editLink).port()).isEqualTo(port);
      try (Reader ana = new Reader(editLink).joined()) {
        ana.typeAtStart("Written before the restart");
      }
    } finally {
      first.close();
    }
    assertThat(first.listening()).isNull();

    LocalHost second = host(port);
    try {
      second.startIfHostedBefore(); // what the app does at launch: the old links work at once
      assertThat(second.listening()).isEqualTo(new LocalHost.Listening(port, port));
      assertThat(second.listening().fellBack()).isFalse();
      try (Reader bo = new Reader(editLink).joined()) {
        bo.untilText("Written before the restart\n");
      }
    } finally {
      second.close();
    }
  }

  @Test
  void aTakenPortFallsBackToAFreeOneAndSaysSoInWords() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      int wanted = taken.getLocalPort();
      LocalHost host = host(wanted);
      try {
        LocalHost.HostedRoom room = host.createRoom();
        LocalHost.Listening l = host.listening();
        assertThat(l.preferredPort()).isEqualTo(wanted);
        assertThat(l.port()).isNotEqualTo(wanted).isPositive();
        assertThat(l.fellBack()).isTrue();
        assertThat(RoomLink.parse(room.editLink()).port()).isEqualTo(l.port());
        try (Reader reader = new Reader(room.editLink()).joined()) {
          assertThat(reader.error()).isNull();
        }
        assertThat(HostingMessages.fellBack(l))
            .contains("Port " + wanted + " is in use").contains("port " + l.port())
            .contains("won't reach this copy").doesNotContain("Exception");
      } finally {
        host.close();
      }
    }
  }

  @Test
  void aRoomHostedBeforeIsFoundWithLinksAtTheCurrentPortAndOtherRoomsAreNot() throws Exception {
    LocalHost first = host(0);
    LocalHost.HostedRoom before;
    try {
      before = first.createRoom();
    } finally {
      first.close();
    }
    int oldPort = RoomLink.parse(before.adminLink()).port();
    RoomLink admin = RoomLink.parse(before.adminLink());
    try (ServerSocket taken = new ServerSocket(oldPort, 50, InetAddress.getByName("127.0.0.1"))) {
      LocalHost second = host(oldPort); // its port is taken now: it comes back elsewhere
      try {
        var again = second.hostedRoom(before.id(), RoomLink.parse(before.editLink()).key(), null, admin.key())
            .orElseThrow();
        int now = second.listening().port();
        assertThat(now).isNotEqualTo(oldPort);
        assertThat(RoomLink.parse(again.adminLink())).isEqualTo(RoomLink.of("127.0.0.1", now, before.id(), admin.key()));
        assertThat(again.editLink()).isEqualTo(before.editLink().replace(":" + oldPort + "/", ":" + now + "/"));
        assertThat(again.viewLink()).as("an unknown key has no link").isNull();
        try (Reader reader = new Reader(again.editLink()).joined()) {
          assertThat(reader.error()).isNull();
        }
        assertThat(second.hostedRoom("aaaaaaaaaaaaaaaaaaaaaaaaaa", null, null, admin.key())).isEmpty();
      } finally {
        second.close();
      }
    }
  }

  @Test
  void aSecondCopyOnTheSameDataIsRefusedInWords() throws Exception {
    LocalHost first = host(0);
    LocalHost second = host(0);
    try {
      first.createRoom();
      assertThatThrownBy(second::createRoom).isInstanceOf(HostingFailedException.class)
          .hasMessageContaining("another copy of Tandem is hosting rooms from");
      assertThat(second.listening()).isNull();
    } finally {
      second.close();
      first.close();
    }
  }

  @Test
  void nothingStartsAtLaunchBeforeThisComputerHostedARoom() throws Exception {
    LocalHost host = host(0);
    try {
      host.startIfHostedBefore();
      assertThat(host.listening()).isNull();
    } finally {
      host.close();
    }
  }

  @Test
  void theEmbeddedServerCreatesRoomsOnlyInProcessAndPublishesNoMetrics() throws Exception {
    LocalHost host = host(0);
    try {
      LocalHost.HostedRoom room = host.createRoom();
      String base = "http://127.0.0.1:" + host.listening().port();
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> create = http.send(HttpRequest.newBuilder(URI.create(base + "/api/rooms"))
          .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(create.statusCode()).as("nobody on the network creates rooms here").isEqualTo(401);
      HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
          .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.statusCode()).isEqualTo(404);
      assertThat(metrics.body()).doesNotContain(room.id());
      HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/healthz"))
          .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(host.createRoom().id()).as("the app still creates rooms").isNotEqualTo(room.id());
    } finally {
      host.close();
    }
  }

  @Test
  void aClosedHostNeverStartsTheServerAgain() throws Exception {
    LocalHost first = host(0);
    first.createRoom(); // the store exists: a launch would start the server
    first.close();
    LocalHost host = host(0);
    host.close(); // the app quit while a background task waited for the host
    assertThatThrownBy(host::startIfHostedBefore).isInstanceOf(HostClosedException.class);
    assertThatThrownBy(host::createRoom).isInstanceOf(HostClosedException.class);
    assertThat(host.listening()).isNull();
    // Nothing holds the store: another copy may open it.
    LocalHost next = host(0);
    try {
      next.startIfHostedBefore();
      assertThat(next.listening()).isNotNull();
    } finally {
      next.close();
    }
  }

  @Test
  void aStoreWrittenByANewerTandemSaysToUpdateTandem() throws Exception {
    LocalHost first = host(0);
    first.createRoom();
    first.close();
    Path db = data.resolve("rooms").resolve("tandem.db");
    assertThat(Files.exists(db)).isTrue();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE schema_version SET version = 999");
    }
    LocalHost host = host(0);
    try {
      assertThatThrownBy(host::startIfHostedBefore).isInstanceOf(HostingFailedException.class)
          .hasMessageContaining("written by a newer version of Tandem").hasMessageContaining("Update Tandem")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("writable").doesNotContain("disk"));
    } finally {
      host.close();
    }
  }
}
