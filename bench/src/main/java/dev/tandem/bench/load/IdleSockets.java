package dev.tandem.bench.load;

import dev.tandem.protocol.Ids;
import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Recorder;

/**
 * {@code idle-sockets --server ws://127.0.0.1:PORT --count N --server-pid PID [--per-room 50]
 * [--sources 4] [--source-base 2] [--settle 15] [--hold 0]}: opens N WebSockets that join rooms
 * ({@code per-room} each) and then stay idle, spread over source addresses 127.0.0.{source-base} …
 * (one {@link HttpClient} per address,
 * so the ~28k ephemeral ports of one address are not the limit). Server heap per socket = (live
 * heap after − live heap before) / N, where live heap is the "Total" bytes of {@code jcmd PID
 * GC.class_histogram} (which runs a full GC first, so it counts reachable objects only). The
 * rooms are created before the first measurement; the second is taken after {@code settle}
 * seconds, so rooms have hibernated if the server's {@code --hibernate-after} is shorter. With
 * {@code --hold S} the sockets stay open S seconds after the measurement (several generators, each
 * against its own server, then overlap; see bench/idle-sockets-many.sh).
 */
public final class IdleSockets {
  private IdleSockets() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    String server = args.string("server", "ws://127.0.0.1:7070");
    LoadSupport.require(true, server);
    int count = args.integer("count", 10_000);
    int perRoom = args.integer("per-room", 50);
    int sources = args.integer("sources", 4);
    int settle = args.integer("settle", 15);
    int sourceBase = args.integer("source-base", 2);
    int hold = args.integer("hold", 0);
    long pid = args.longValue("server-pid", -1);
    if (pid <= 0) {
      throw new IllegalArgumentException("--server-pid is required (heap is read with jcmd)");
    }
    List<HttpClient> https = new ArrayList<>();
    for (int i = 0; i < sources; i++) {
      https.add(HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2))
          .localAddress(InetAddress.getByName("127.0.0." + (sourceBase + i))).build());
    }
    int rooms = (count + perRoom - 1) / perRoom;
    List<LoadSupport.NewRoom> roomList = new ArrayList<>();
    long t0 = System.nanoTime();
    Semaphore inFlight = new Semaphore(32);
    List<CompletableFuture<LoadSupport.NewRoom>> created = new ArrayList<>();
    var setup = Executors.newVirtualThreadPerTaskExecutor();
    for (int r = 0; r < rooms; r++) {
      inFlight.acquire();
      created.add(CompletableFuture.supplyAsync(() -> {
        try {
          return LoadSupport.createRoom(https.getFirst(), server);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        } finally {
          inFlight.release();
        }
      }, setup));
    }
    created.forEach(f -> roomList.add(f.join()));
    System.out.printf("idle-sockets: %d rooms created in %.1f s%n", rooms, (System.nanoTime() - t0) / 1e9);

    long heapBefore = liveHeap(pid);
    long rssBefore = LoadSupport.rssKb(pid);
    System.out.printf("  before: live heap %,d bytes, RSS %,d kB%n", heapBefore, rssBefore);

    Recorder unused = new Recorder(3);
    AtomicLong acks = new AtomicLong();
    List<LoadClient> clients = new ArrayList<>(count);
    List<CompletableFuture<?>> joins = new ArrayList<>(count);
    AtomicInteger failed = new AtomicInteger();
    Semaphore connecting = new Semaphore(256);
    t0 = System.nanoTime();
    // Clients ping every 20 s (docs/protocol.md: clients SHOULD ping; the server closes sockets
    // idle for its idle timeout), staggered over the interval.
    if (args.integer("ping-seconds", 20) > 0) {
      long periodMillis = args.integer("ping-seconds", 20) * 1000L;
      var pinger = Executors.newSingleThreadScheduledExecutor();
      pinger.scheduleAtFixedRate(new Runnable() {
        int next;

        @Override
        public void run() {
          int n;
          synchronized (clients) {
            n = clients.size();
          }
          int slice = Math.max(1, n / 20);
          for (int k = 0; k < slice && n > 0; k++) {
            LoadClient c;
            synchronized (clients) {
              c = clients.get(next++ % n);
            }
            c.ping();
          }
        }
      }, periodMillis / 20, periodMillis / 20, TimeUnit.MILLISECONDS);
    }
    for (int i = 0; i < count; i++) {
      LoadSupport.NewRoom room = roomList.get(i / perRoom);
      LoadClient c = new LoadClient(Ids.random(), room.id(), room.editKey(), i, unused, acks, false);
      connecting.acquire();
      joins.add(c.connect(https.get(i % sources), LoadSupport.roomUri(server, room.id()))
          .thenCompose(ws -> c.joined)
          .orTimeout(60, TimeUnit.SECONDS)
          .whenComplete((ok, failure) -> {
            connecting.release();
            if (failure != null && failed.getAndIncrement() < 5) {
              System.out.println("  connect failed: " + failure);
            }
          }));
      synchronized (clients) {
        clients.add(c);
      }
      if ((i + 1) % 10_000 == 0) {
        System.out.printf("  %,d sockets requested (%.1f s)%n", i + 1, (System.nanoTime() - t0) / 1e9);
      }
    }
    for (CompletableFuture<?> f : joins) {
      try {
        f.join();
      } catch (RuntimeException e) {
        // counted above
      }
    }
    int open = count - failed.get();
    System.out.printf("  %,d sockets joined, %,d failed, in %.1f s; settling %d s%n", open, failed.get(),
        (System.nanoTime() - t0) / 1e9, settle);
    Thread.sleep(settle * 1000L);
    long stillOk = clients.stream().filter(c -> c.failure() == null).count();
    clients.stream().filter(c -> c.failure() != null)
        .collect(java.util.stream.Collectors.groupingBy(c -> c.failure().replaceFirst("^[a-z2-7]+: ", ""),
            java.util.stream.Collectors.counting()))
        .forEach((why, n) -> System.out.printf("  %,d sockets failed: %s%n", n, why));
    long heapAfter = liveHeap(pid);
    long rssAfter = LoadSupport.rssKb(pid);
    System.out.printf("  after: live heap %,d bytes, RSS %,d kB, %,d sockets still healthy%n", heapAfter, rssAfter, stillOk);
    System.out.printf("RESULT idle-sockets count=%d open=%d: server live heap +%,d bytes = %,.0f bytes per socket; RSS +%,d kB = %,.1f kB per socket%n",
        count, stillOk, heapAfter - heapBefore, (heapAfter - heapBefore) / (double) stillOk,
        rssAfter - rssBefore, (rssAfter - rssBefore) / (double) stillOk);
    printTopClasses(pid);
    if (hold > 0) {
      // Several generators against several servers on one machine: each keeps its sockets open
      // after measuring, so that all of them are open at once while the others measure.
      System.out.printf("  holding %,d sockets for %d s%n", stillOk, hold);
      Thread.sleep(hold * 1000L);
      long healthy = clients.stream().filter(c -> c.failure() == null).count();
      System.out.printf("RESULT idle-sockets held: %,d sockets still healthy after %d s more%n", healthy, hold);
    }
    clients.forEach(LoadClient::abort);
    System.exit(0);
  }

  /** Bytes of live objects: the Total line of GC.class_histogram (full GC first). */
  static long liveHeap(long pid) throws IOException, InterruptedException {
    for (String line : jcmd(pid, "GC.class_histogram")) {
      if (line.startsWith("Total")) {
        String[] parts = line.trim().split("\\s+");
        return Long.parseLong(parts[2]);
      }
    }
    throw new IOException("no Total line in GC.class_histogram of " + pid);
  }

  private static void printTopClasses(long pid) throws IOException, InterruptedException {
    List<String> lines = jcmd(pid, "GC.class_histogram");
    System.out.println("  largest classes on the server heap:");
    lines.stream().filter(l -> l.matches("\\s*\\d+:.*")).limit(15).forEach(l -> System.out.println("   " + l));
  }

  private static List<String> jcmd(long pid, String command) throws IOException, InterruptedException {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    Process p = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
    List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
    p.waitFor(120, TimeUnit.SECONDS);
    return lines;
  }
}
