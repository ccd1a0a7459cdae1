package dev.tandem.bench.load;

import dev.tandem.protocol.Ids;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * {@code reactivation --server ws://127.0.0.1:PORT --room ID --key EDITKEY [--repeats 5]
 * [--idle 5]}: against a room with a long history (made by room-server's test-source
 * {@code HistoryGenerator}), and a server started with a short {@code --hibernate-after}: join,
 * then repeatedly wait until the room hibernated ({@code tandem_rooms_active 0} on /metrics) and
 * time one op from send to ack. That op is the first message after hibernation, so its ack
 * includes reloading the room (latest snapshot + the ops after it).
 */
public final class Reactivation {
  private Reactivation() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    String server = args.string("server", "ws://127.0.0.1:7070");
    LoadSupport.require(true, server);
    String roomId = args.string("room", null);
    String key = args.string("key", null);
    int repeats = args.integer("repeats", 5);
    int idle = args.integer("idle", 5);
    HttpClient http = HttpClient.newHttpClient();
    Recorder latency = new Recorder(3_600_000_000L, 3);
    AtomicLong acked = new AtomicLong();
    LoadClient client = new LoadClient(Ids.random(), roomId, key, 1, latency, acked, false);
    long t0 = System.nanoTime();
    client.connect(http, LoadSupport.roomUri(server, roomId)).get(60, TimeUnit.SECONDS);
    client.joined.get(120, TimeUnit.SECONDS);
    System.out.printf("reactivation: joined at rev %,d; hello → welcome (activation + 1 MB snapshot frame) %.1f ms%n",
        client.rev(), (System.nanoTime() - t0) / 1e6);
    Histogram all = new Histogram(3_600_000_000L, 3);
    for (int i = 0; i < repeats; i++) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(idle + 60L);
      Thread.sleep(idle * 1000L);
      while (activeRooms(http, server) > 0) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("room did not hibernate; start the server with a short --hibernate-after");
        }
        Thread.sleep(200);
      }
      long before = acked.get();
      latency.getIntervalHistogram();
      client.edit();
      while (acked.get() == before) {
        if (client.failure() != null) {
          throw new IllegalStateException(client.failure());
        }
        Thread.sleep(0, 100_000);
      }
      Histogram h = latency.getIntervalHistogram();
      all.add(h);
      System.out.printf("  #%d first op after hibernation → ack: %.1f ms (rev %,d)%n", i + 1, h.getMaxValue() / 1000.0, client.rev());
    }
    System.out.printf("RESULT reactivation: first op after hibernation → ack over %d runs: min %.1f ms, p50 %.1f ms, max %.1f ms%n",
        repeats, all.getMinValue() / 1000.0, all.getValueAtPercentile(50) / 1000.0, all.getMaxValue() / 1000.0);
    client.abort();
    System.exit(0);
  }

  private static double activeRooms(HttpClient http, String server) throws Exception {
    String body = http.send(HttpRequest.newBuilder(URI.create(LoadSupport.httpBase(server) + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return body.lines().filter(l -> l.startsWith("tandem_rooms_active ")).mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElse(-1);
  }
}
