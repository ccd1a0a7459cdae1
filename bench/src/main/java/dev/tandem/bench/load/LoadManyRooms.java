package dev.tandem.bench.load;

import dev.tandem.protocol.Ids;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * {@code load-many-rooms --server ws://127.0.0.1:PORT --rooms 2000 --clients-per-room 2
 * --ops-per-second 5 --seconds 30 [--server-pid PID] [--warmup 5] [--seed N]}: many small rooms,
 * each client editing at a fixed pace (an edit made while one is in flight goes out right after its
 * ack). Reports the achieved rate, ack latency, and the server's VmRSS.
 */
public final class LoadManyRooms {
  private LoadManyRooms() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    String server = args.string("server", "ws://127.0.0.1:7070");
    LoadSupport.require(true, server);
    int rooms = args.integer("rooms", 2000);
    int perRoom = args.integer("clients-per-room", 2);
    double rate = Double.parseDouble(args.string("ops-per-second", "5"));
    int seconds = args.integer("seconds", 30);
    int warmup = args.integer("warmup", 5);
    long pid = args.longValue("server-pid", -1);
    long seed = args.longValue("seed", System.nanoTime());
    System.out.printf("load-many-rooms: %d rooms x %d clients, %.1f edits/s each, %d s measured after %d s, seed %d%n",
        rooms, perRoom, rate, seconds, warmup, seed);
    System.out.printf("  server RSS before: %,d kB%n", LoadSupport.rssKb(pid));

    HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2)).build();
    ExecutorService setup = Executors.newVirtualThreadPerTaskExecutor();
    Semaphore inFlight = new Semaphore(32);
    List<CompletableFuture<LoadSupport.NewRoom>> created = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int r = 0; r < rooms; r++) {
      inFlight.acquire();
      created.add(CompletableFuture.supplyAsync(() -> {
        try {
          return LoadSupport.createRoom(http, server);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        } finally {
          inFlight.release();
        }
      }, setup));
    }
    List<LoadSupport.NewRoom> roomList = created.stream().map(CompletableFuture::join).toList();
    System.out.printf("  created %d rooms in %.1f s%n", rooms, (System.nanoTime() - t0) / 1e9);

    Recorder latency = new Recorder(3_600_000_000L, 3);
    AtomicLong acked = new AtomicLong();
    List<LoadClient> clients = new ArrayList<>();
    List<CompletableFuture<?>> joins = new ArrayList<>();
    t0 = System.nanoTime();
    long n = 0;
    for (LoadSupport.NewRoom room : roomList) {
      for (int c = 0; c < perRoom; c++) {
        LoadClient client = new LoadClient(Ids.random(), room.id(), room.editKey(), seed + n++, latency, acked, false);
        inFlight.acquire();
        joins.add(client.connect(http, LoadSupport.roomUri(server, room.id()))
            .thenCompose(ws -> client.joined).whenComplete((ok, failure) -> inFlight.release()));
        clients.add(client);
      }
    }
    CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
    System.out.printf("  %d clients joined in %.1f s; server RSS %,d kB%n", clients.size(),
        (System.nanoTime() - t0) / 1e9, LoadSupport.rssKb(pid));

    // Pace: each client edits every 1/rate s, phases spread at random.
    ScheduledExecutorService pacer = Executors.newScheduledThreadPool(1);
    long periodMicros = (long) (1_000_000 / rate);
    SplittableRandom random = new SplittableRandom(seed);
    for (LoadClient client : clients) {
      pacer.scheduleAtFixedRate(client::edit, random.nextLong(periodMicros), periodMicros, TimeUnit.MICROSECONDS);
    }
    Thread.sleep(warmup * 1000L);
    latency.getIntervalHistogram();
    long before = acked.get();
    long started = System.nanoTime();
    Histogram total = new Histogram(3_600_000_000L, 3);
    long maxRss = 0;
    for (int s = 0; s < seconds; s++) {
      long b = acked.get();
      Thread.sleep(1000);
      Histogram h = latency.getIntervalHistogram();
      total.add(h);
      long rss = LoadSupport.rssKb(pid);
      maxRss = Math.max(maxRss, rss);
      if (s % 5 == 4 || s == seconds - 1) {
        System.out.printf("  t=%2ds %,7d ops/s  RSS %,d kB  %s%n", s + 1, acked.get() - b, rss, LoadSupport.latency(h));
      }
      LoadOneRoom.checkFailures(clients);
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    long ops = acked.get() - before;
    pacer.shutdownNow();
    System.out.printf("RESULT load-many-rooms rooms=%d clients=%d offered=%,.0f ops/s: %,.0f committed ops/s; ack latency %s; server RSS max %,d kB%n",
        rooms, clients.size(), clients.size() * rate, ops / elapsed, LoadSupport.latency(total), maxRss);
    clients.forEach(LoadClient::stop);
    clients.forEach(LoadClient::abort);
    System.exit(0);
  }
}
