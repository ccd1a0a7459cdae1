package dev.tandem.server.it;

import dev.tandem.protocol.Values.Limits;
import dev.tandem.server.RoomServer;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.room.RoomConfig;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real {@link RoomServer} on loopback with SQLite in a test's temporary directory. */
final class RunningServer {
  private RunningServer() {}

  /** Limits generous enough that a test never trips one it is not about. */
  static final Limits TEST_LIMITS = new Limits(1 << 20, 1_000_000, 50, 10_000, 4_000);

  static ServerConfig.Builder config(Path dataDir) {
    return ServerConfig.builder().bindAddress("127.0.0.1").port(0).dataDirectory(dataDir)
        .rooms(RoomConfig.DEFAULTS.withLimits(TEST_LIMITS));
  }

  static RoomServer start(ServerConfig config) {
    try {
      return RoomServer.start(config);
    } catch (Exception e) {
      throw new AssertionError("server did not start", e);
    }
  }

  static RoomServer start(Path dataDir) {
    return start(config(dataDir).build());
  }

  static void stop(RoomServer server) {
    server.close();
  }

  /** The value of a room's series ({@code room} label), or NaN when absent. */
  static double roomMetric(RoomServer server, String series, String roomId) {
    return metric(server, series + "{room=\"" + roomId + "\"}");
  }

  /** Polls the scrape until {@code series} equals {@code value}, for at most {@link TestClient#WAIT}. */
  static void awaitMetric(RoomServer server, String series, double value) {
    long deadline = System.nanoTime() + TestClient.WAIT.toNanos();
    while (metric(server, series) != value) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(series + " did not reach " + value + " within " + TestClient.WAIT
            + "; it is " + metric(server, series));
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** The value of an unlabelled series in the Prometheus scrape, or NaN when absent. */
  static double metric(RoomServer server, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(server.metrics().scrape());
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }
}
