package dev.tandem.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.protocol.Values.User;
import dev.tandem.server.RoomServer;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.room.RoomCreator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM edits with a journal and is killed with kill -9 (offline, or with ops in flight);
 * a new session on the same journal restores the document and pending edits, keeps the client id,
 * and the server ends up with each edit exactly once.
 */
class JournalCrashTest {
  @TempDir Path dir;
  RoomServer server;
  RoomCreator.NewRoom room;

  @BeforeEach
  void start() throws Exception {
    server = RoomServer.start(ServerConfig.builder().port(0).dataDirectory(dir.resolve("server")).build());
    room = server.createRoom();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"offline", "midflight"})
  void killedChildLosesNothingAndDuplicatesNothing(String mode) throws Exception {
    Path journal = dir.resolve("journal");
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), JournalCrashChild.class.getName(),
        String.valueOf(server.port()), room.id(), room.editKey(), journal.toString(), mode)
        .redirectErrorStream(true).start();
    String clientId;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("READY ")) {
        // skip logging
      }
      assertThat(line).as("child output").isNotNull();
      clientId = line.substring(6).strip();
      child.toHandle().destroyForcibly(); // kill -9
      child.waitFor(10, TimeUnit.SECONDS);
    }

    TestEditor restored = new TestEditor("restored");
    restored.session = SyncSession.connect(RoomLink.of("127.0.0.1", server.port(), room.id(), room.editKey()),
        new User("child", "#ff0000"), EndToEndTest.fastConfig().toBuilder().journalDirectory(journal)
            .listenerExecutor(restored.ui).build(), restored);
    try {
      assertThat(restored.session.clientId()).isEqualTo(clientId);
      // Restored from the journal (in the session's background, before any connection).
      await().atMost(Duration.ofSeconds(15)).until(() -> !restored.origins.isEmpty());
      assertThat(restored.origins).first().isEqualTo(ChangeOrigin.RESTORE);
      String text = restored.text();
      for (int i = 0; i < 5; i++) {
        assertThat(text).contains("<" + mode + i + ">");
      }
      await().atMost(Duration.ofSeconds(15)).until(() ->
          restored.session.state() == SyncSession.State.OPEN && restored.session.status().pendingEdits() == 0);
      TestEditor probe = new TestEditor("probe");
      probe.session = SyncSession.connect(RoomLink.of("127.0.0.1", server.port(), room.id(), room.editKey()),
          new User("probe", "#00ff00"), EndToEndTest.fastConfig().toBuilder().listenerExecutor(probe.ui).build(), probe);
      try {
        await().atMost(Duration.ofSeconds(15)).until(() -> probe.session.state() == SyncSession.State.OPEN
            && probe.document().equals(restored.document()));
        String serverText = probe.text();
        for (int i = 0; i < 5; i++) {
          String marker = "<" + mode + i + ">";
          assertThat(serverText.split(java.util.regex.Pattern.quote(marker), -1)).as(marker + " exactly once").hasSize(2);
        }
        assertThat(restored.errors).as("errors").isEmpty();
      } finally {
        probe.close();
      }
    } finally {
      restored.close();
    }
  }
}
