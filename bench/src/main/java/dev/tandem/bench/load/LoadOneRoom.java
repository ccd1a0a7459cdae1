package dev.tandem.bench.load;

import dev.tandem.protocol.Ids;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * {@code load-one-room --server ws://127.0.0.1:PORT --clients 32 --seconds 20 [--warmup 5]
 * [--seed N] [--server-pid PID] [--generator one-thread|jdk] [--acks ops|frames]}: one room, every client typing as
 * fast as its acks allow (one op in flight each). Reports committed ops/s (acks per second over
 * the measured window) and ack latency (send of an op → its ack).
 *
 * <p>Generators: {@code one-thread} (the default) drives every client from one NIO thread
 * ({@link OneThreadLoad}, {@link Typist}); {@code jdk} is the earlier one, a {@link LoadClient}
 * per client on the JDK WebSocket, kept to compare with figures measured with it.
 *
 * <p>Acks ({@code one-thread} only): {@code ops} (the default) asks for acks in the shared {@code
 * ops} frame ({@code hello.acksInOps}, docs/protocol.md §5), so each client recognises its own op
 * there; {@code frames} takes them as separate {@code ack} frames, as clients did before (and as a
 * server older than {@code acksInOps} sends them whatever the client asks: use it against one).
 */
public final class LoadOneRoom {
  private LoadOneRoom() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    String server = args.string("server", "ws://127.0.0.1:7070");
    LoadSupport.require(true, server);
    int clients = args.integer("clients", 32);
    int seconds = args.integer("seconds", 20);
    int warmup = args.integer("warmup", 5);
    long seed = args.longValue("seed", System.nanoTime());
    long pid = args.longValue("server-pid", -1);
    System.out.printf("load-one-room: %d clients, %d s measured after %d s warm-up, seed %d%n", clients, seconds, warmup, seed);

    String generator = args.string("generator", "one-thread");
    HttpClient http = HttpClient.newHttpClient();
    LoadSupport.NewRoom room = LoadSupport.createRoom(http, server);
    URI uri = LoadSupport.roomUri(server, room.id());
    String acks = args.string("acks", "ops");
    if (!acks.equals("ops") && !acks.equals("frames")) {
      throw new IllegalArgumentException("--acks ops|frames, not " + acks);
    }
    if (generator.equals("one-thread")) {
      oneThread(uri, room, clients, seconds, warmup, seed, pid, acks.equals("ops"));
      return;
    } else if (!generator.equals("jdk")) {
      throw new IllegalArgumentException("--generator one-thread|jdk, not " + generator);
    }
    System.out.println("generator: jdk (a LoadClient per client on java.net.http)");
    Recorder latency = new Recorder(3_600_000_000L, 3);
    AtomicLong acked = new AtomicLong();
    List<LoadClient> all = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      LoadClient c = new LoadClient(Ids.random(), room.id(), room.editKey(), seed + i, latency, acked, true);
      c.connect(http, uri).get(10, TimeUnit.SECONDS);
      all.add(c);
    }
    CompletableFuture.allOf(all.stream().map(c -> c.joined).toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    all.forEach(LoadClient::start);

    measure(latency, acked::get, () -> checkFailures(all), clients, seconds, warmup, pid, () -> {
      all.forEach(LoadClient::stop);
      Thread.sleep(500);
      all.forEach(LoadClient::close);
    });
    checkFailures(all);
    System.exit(0);
  }

  private static void oneThread(URI uri, LoadSupport.NewRoom room, int clients, int seconds, int warmup,
      long seed, long pid, boolean acksInOps) throws Exception {
    System.out.println("generator: one-thread (one NIO thread drives every client), acks "
        + (acksInOps ? "in the shared ops frame" : "as ack frames"));
    OneThreadLoad load = new OneThreadLoad(uri, room.id(), room.editKey(), clients, seed, acksInOps);
    load.awaitJoined(30);
    load.startTyping();
    Runnable check = () -> {
      if (load.failure() != null) {
        throw new IllegalStateException("client failed: " + load.failure());
      }
    };
    measure(load.latency, load.acked::sum, check, clients, seconds, warmup, pid, () -> {
      load.stopTyping();
      Thread.sleep(500);
      load.close();
    });
    System.out.println("RESULT generator: " + load.scannerSummary());
    check.run();
    System.exit(0);
  }

  private interface Stop {
    void run() throws Exception;
  }

  /** Drops the warm-up, then prints per-second and whole-window figures; stops the clients at the end. */
  private static void measure(Recorder latency, java.util.function.LongSupplier acked, Runnable checkFailures,
      int clients, int seconds, int warmup, long pid, Stop stop) throws Exception {
    Thread.sleep(warmup * 1000L);
    latency.getIntervalHistogram(); // drop the warm-up
    long ackedBefore = acked.getAsLong();
    long serverCpu0 = LoadSupport.cpuMillis(pid);
    long clientCpu0 = LoadSupport.cpuMillis(ProcessHandle.current().pid());
    long started = System.nanoTime();
    Histogram total = new Histogram(3_600_000_000L, 3);
    for (int s = 0; s < seconds; s++) {
      long before = acked.getAsLong();
      Thread.sleep(1000);
      Histogram interval = latency.getIntervalHistogram();
      total.add(interval);
      System.out.printf("  t=%2ds %,7d ops/s  %s%n", s + 1, acked.getAsLong() - before, LoadSupport.latency(interval));
      checkFailures.run();
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    long ops = acked.getAsLong() - ackedBefore;
    long serverCpu = LoadSupport.cpuMillis(pid) - serverCpu0;
    long clientCpu = LoadSupport.cpuMillis(ProcessHandle.current().pid()) - clientCpu0;
    stop.run();
    System.out.printf("RESULT load-one-room clients=%d: %,.0f committed ops/s (%,d ops in %.1f s); ack latency %s%n",
        clients, ops / elapsed, ops, elapsed, LoadSupport.latency(total));
    if (pid > 0) {
      System.out.printf("RESULT cpu: server %.2f cores (%.0f µs per committed op), load generator %.2f cores (%.0f µs per op); load average %.1f%n",
          serverCpu / 1000.0 / elapsed, serverCpu * 1000.0 / ops, clientCpu / 1000.0 / elapsed, clientCpu * 1000.0 / ops,
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  static void checkFailures(List<LoadClient> clients) {
    for (LoadClient c : clients) {
      if (c.failure() != null) {
        throw new IllegalStateException("client failed: " + c.failure());
      }
    }
  }
}
