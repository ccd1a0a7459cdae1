package dev.tandem.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.store.StoredOp;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills (SIGKILL) a process that is appending and acknowledging ops, then checks the file holds
 * every acknowledged op exactly once: the output gate holds across a crash.
 */
class SqliteCrashTest {

  private static final int ACKS_BEFORE_KILL = 300;

  @TempDir Path dataDirectory;

  @Test
  void everyAcknowledgedOpSurvivesAKillExactlyOnce() throws Exception {
    Path errors = dataDirectory.resolve("child.err");
    Path data = dataDirectory.resolve("data");
    Process child = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--enable-native-access=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"),
            AppendUntilKilled.class.getName(),
            data.toString())
        .redirectError(errors.toFile())
        .start();

    TreeSet<Long> acked = new TreeSet<>();
    List<String> otherLines = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      boolean killed = false;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("ACK ")) {
          assertThat(acked.add(Long.parseLong(line.substring(4)))).as("acked twice").isTrue();
        } else {
          otherLines.add(line);
        }
        if (!killed && acked.size() >= ACKS_BEFORE_KILL) {
          // SIGKILL: no shutdown hooks, no close(). Through the handle, because
          // Process.destroyForcibly() also closes our end of the pipe, losing the acks in it.
          child.toHandle().destroyForcibly();
          killed = true;
        }
      }
      // Lines already in the pipe when the child died were acknowledged too; they are counted.
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(acked)
        .as("child stopped early; stderr: %s", Files.exists(errors) ? Files.readString(errors) : "")
        .hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
    assertThat(otherLines).containsExactly("READY");

    try (SqliteRoomStore store = SqliteRoomStore.open(data)) {
      List<StoredOp> stored = store.ops(AppendUntilKilled.ROOM, 0, Long.MAX_VALUE);
      long head = store.headRevision(AppendUntilKilled.ROOM);
      assertThat(head).isGreaterThanOrEqualTo(acked.last());
      assertThat(stored).hasSize((int) head);
      for (int i = 0; i < stored.size(); i++) {
        assertThat(stored.get(i)).isEqualTo(AppendUntilKilled.opFor(i + 1)); // 1..head, once each
      }
    }
  }
}
