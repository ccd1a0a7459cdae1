package dev.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.protocol.Ids;
import dev.tandem.server.RoomServer;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.room.RoomCreator.NewRoom;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --smoke-test}: joins a real room over loopback and says so; refuses bad links and keys. */
class SmokeTestTest {
  @TempDir Path data;

  @Test
  void joinsARealRoomAndReportsFailuresAsSentences() throws Exception {
    try (RoomServer server = RoomServer.start(ServerConfig.builder().bindAddress("127.0.0.1")
        .port(0).dataDirectory(data).build())) {
      NewRoom room = server.createRoom();
      String link = server.appLink("127.0.0.1", room.id(), room.editKey());

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThat(SmokeTest.run(link, new PrintStream(out, true, StandardCharsets.UTF_8))).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("joined room " + room.id()).contains("revision 0");

      ByteArrayOutputStream wrongKey = new ByteArrayOutputStream();
      String badLink = server.appLink("127.0.0.1", room.id(), Ids.random()); // well-formed, grants nothing
      assertThat(SmokeTest.run(badLink, new PrintStream(wrongKey, true, StandardCharsets.UTF_8))).isEqualTo(1);
      assertThat(wrongKey.toString(StandardCharsets.UTF_8)).startsWith("smoke test: ").doesNotContain("Exception");

      ByteArrayOutputStream garbage = new ByteArrayOutputStream();
      assertThat(SmokeTest.run("not a link", new PrintStream(garbage, true, StandardCharsets.UTF_8))).isEqualTo(1);
      assertThat(garbage.toString(StandardCharsets.UTF_8)).startsWith("smoke test: ");
    }
  }
}
