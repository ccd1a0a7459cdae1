package dev.tandem.app.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.app.testing.Reader;
import dev.tandem.app.viewmodel.HostingMessages;
import dev.tandem.sync.RoomLink;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
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

  /** A port nothing listens on right now (the OS's pick, released at once). */
  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  @Test
  void anEditLinkFromBeforeARestartStillJoinsTheRoomAndSeesItsText() throws Exception {
    int port = freePort();
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
}
