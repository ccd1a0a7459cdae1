package dev.tandem.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.server.RoomServer;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an embedding app (the desktop app hosting rooms) relies on across restarts: a server on
 * the same data directory knows the rooms an earlier one created, can take the earlier port
 * again, and a start on a port someone else holds fails with a {@link BindException} in its
 * causes and leaves the data directory free for the next try. Real Jetty, real SQLite.
 */
class EmbeddedRestartTest {
  @TempDir Path data;

  @Test
  void aServerOnTheSameDataDirectoryKnowsTheRoomsAndCanTakeTheSamePort() {
    RoomServer first = RunningServer.start(data);
    String id = first.createRoom().id();
    int port = first.port();
    assertThat(first.hasRoom(id)).isTrue();
    first.close();

    RoomServer second = RunningServer.start(RunningServer.config(data).port(port).build());
    try {
      assertThat(second.port()).isEqualTo(port);
      assertThat(second.hasRoom(id)).isTrue();
      assertThat(second.hasRoom("aaaaaaaaaaaaaaaaaaaaaaaaaa")).isFalse();
    } finally {
      second.close();
    }
  }

  @Test
  void aTakenPortFailsWithABindExceptionAndReleasesTheStore() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(() -> RoomServer.start(RunningServer.config(data).port(taken.getLocalPort()).build()))
          .satisfies(e -> assertThat(causes(e)).anyMatch(c -> c instanceof BindException));
    }
    RoomServer next = RunningServer.start(data);
    try {
      String id = next.createRoom().id();
      assertThat(next.hasRoom(id)).isTrue();
    } finally {
      next.close();
    }
  }

  private static java.util.List<Throwable> causes(Throwable e) {
    java.util.List<Throwable> out = new java.util.ArrayList<>();
    for (Throwable t = e; t != null && !out.contains(t); t = t.getCause()) {
      out.add(t);
    }
    return out;
  }
}
