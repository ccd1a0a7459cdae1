package dev.tandem.server.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.ot.Delta;
import dev.tandem.ot.RichDocument;
import dev.tandem.protocol.Ids;
import dev.tandem.server.store.StoredOp;
import dev.tandem.server.store.sqlite.SqliteRoomStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the room server (a separate JVM) with SIGKILL in the middle of a typing storm by four OT
 * clients, restarts it on the same data directory, lets the clients reconnect by revision and
 * finish, then checks the promises of docs/protocol.md: every acknowledged op is stored exactly
 * once at the revision its ack named, no (clientId, seq) is committed twice, the history is
 * gap-free, and every client converges to the server's document.
 *
 * <p>Randomness comes from one seed, printed; rerun with {@code -Dtandem.seed=<seed>}.
 */
class ServerCrashTest {
  private static final int CLIENTS = 4;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void everyAcknowledgedOpSurvivesSigkillExactlyOnce() throws Exception {
    long seed = Long.getLong("tandem.seed", System.nanoTime());
    System.out.println("ServerCrashTest seed: " + seed + " (rerun with -Dtandem.seed=" + seed + ")");
    Random random = new Random(seed);
    Path data = Files.createDirectories(dir.resolve("data"));
    int port = freePort();
    Process server = startServer(port, data, dir.resolve("server-1.log"));
    try {
      String base = "http://127.0.0.1:" + port;
      JsonNode room = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/rooms"))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body());
      String roomId = room.get("id").asText();
      String editKey = room.get("editKey").asText();
      URI ws = URI.create("ws://127.0.0.1:" + port + "/rooms/" + roomId);

      List<StormClient> clients = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        StormClient c = new StormClient(Ids.random(), roomId, editKey, http, random.nextLong());
        c.connect(ws);
        clients.add(c);
      }
      awaitTrue("all clients joined", 10_000, () -> clients.stream().allMatch(c -> c.rev() >= 0));

      // Phase 1: storm, then SIGKILL at a random moment.
      long phase1 = System.nanoTime();
      type(clients, 2_500 + random.nextInt(2_000), random);
      System.out.printf("phase 1: %d acks in %.0f ms of typing%n", clients.stream().mapToInt(c -> c.acks.size()).sum(),
          (System.nanoTime() - phase1) / 1e6);
      int ackedBeforeKill = clients.stream().mapToInt(c -> c.acks.size()).sum();
      server.toHandle().destroyForcibly();
      assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
      System.out.println("SIGKILL after " + ackedBeforeKill + " acks");
      // Offline typing while the server is down goes into the buffers.
      type(clients, 200, random);

      // Phase 2: restart on the same data directory; clients reconnect by revision.
      server = startServer(port, data, dir.resolve("server-2.log"));
      for (StormClient c : clients) {
        awaitTrue("reconnect " + c.clientId, 10_000, () -> {
          if (!c.connected()) {
            try {
              c.connect(ws);
            } catch (RuntimeException e) {
              return false;
            }
          }
          return c.connected();
        });
      }
      long phase2 = System.nanoTime();
      type(clients, 2_000, random);
      System.out.printf("phase 2: %d acks in total after %.0f ms more typing%n", clients.stream().mapToInt(c -> c.acks.size()).sum(),
          (System.nanoTime() - phase2) / 1e6);

      // Drain: every client's edits acknowledged and everyone at one revision.
      awaitTrue("clients drained", 15_000, () -> clients.stream().allMatch(StormClient::idle)
          && clients.stream().mapToLong(StormClient::rev).distinct().count() == 1);
      long head = clients.getFirst().rev();

      // A fresh client's snapshot welcome is the server's document.
      StormClient observer = new StormClient(Ids.random(), roomId, editKey, http, 0);
      observer.connect(ws);
      awaitTrue("observer joined", 10_000, () -> observer.rev() >= 0);
      assertThat(observer.rev()).isEqualTo(head);
      Delta serverDoc = observer.document();
      for (StormClient c : clients) {
        assertThat(c.document()).as("document of %s (seed %s)", c.clientId, seed).isEqualTo(serverDoc);
        assertThat(c.problems).as("protocol problems of %s (seed %s)", c.clientId, seed).isEmpty();
        c.close();
      }
      observer.close();

      server.toHandle().destroy(); // SIGTERM: graceful close of the store
      assertThat(server.waitFor(15, TimeUnit.SECONDS)).isTrue();

      // The stored history: gap-free, no (clientId, seq) twice, every ack present at its rev.
      List<StoredOp> history;
      try (SqliteRoomStore store = SqliteRoomStore.open(data)) {
        assertThat(store.headRevision(roomId)).isEqualTo(head);
        history = store.ops(roomId, 0, head);
      }
      assertThat(history).hasSize((int) head);
      Map<String, Long> revOf = new HashMap<>();
      RichDocument replay = RichDocument.of(Delta.document("\n"));
      for (int i = 0; i < history.size(); i++) {
        StoredOp op = history.get(i);
        assertThat(op.rev()).isEqualTo(i + 1);
        Long previous = revOf.put(op.clientId() + "/" + op.seq(), op.rev());
        assertThat(previous).as("(clientId, seq) %s/%s committed twice (seed %s)", op.clientId(), op.seq(), seed).isNull();
        replay.apply(op.delta());
      }
      assertThat(replay.toDelta()).as("replayed history (seed %s)", seed).isEqualTo(serverDoc);
      int acked = 0;
      for (StormClient c : clients) {
        for (var ack : c.acks.entrySet()) {
          assertThat(revOf.get(c.clientId + "/" + ack.getKey()))
              .as("ack seq %s of %s (seed %s)", ack.getKey(), c.clientId, seed).isEqualTo(ack.getValue());
          acked++;
        }
      }
      assertThat(acked).isEqualTo((int) head);
      assertThat(ackedBeforeKill).isPositive();
      System.out.println("ServerCrashTest: " + head + " ops committed, " + ackedBeforeKill
          + " acked before the SIGKILL, duplicate acks " + clients.stream().mapToInt(c -> c.duplicateAcks).sum());
    } finally {
      server.toHandle().destroyForcibly();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Each client types about once a millisecond for {@code millis}. */
  private static void type(List<StormClient> clients, long millis, Random random) throws InterruptedException {
    long end = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < end) {
      clients.get(random.nextInt(clients.size())).type();
      Thread.sleep(0, 250_000);
    }
  }

  private Process startServer(int port, Path data, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), "dev.tandem.server.RoomServerMain",
        "--port", Integer.toString(port), "--bind", "127.0.0.1", "--data", data.toString(),
        "--max-frames-per-second", "100000")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    URI health = URI.create("http://127.0.0.1:" + port + "/healthz");
    awaitTrue("server healthy (log: " + log + ")", 20_000, () -> {
      if (!p.isAlive()) {
        throw new AssertionError("server exited: " + read(log));
      }
      try {
        return http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(1)).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    });
    return p;
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static void awaitTrue(String what, long millis, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + millis * 1_000_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
