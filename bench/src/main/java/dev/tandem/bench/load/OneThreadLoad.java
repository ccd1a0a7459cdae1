package dev.tandem.bench.load;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * Drives many {@link Typist}s over {@link RawWebSocket}s from a single thread with one NIO
 * selector: no thread, executor hop or future per frame, so the generator's CPU per op stays well
 * below the server's on a machine they share. Other threads talk to it only through {@link
 * #run(Runnable)} (a task queue plus a selector wake-up) and read the shared counters.
 */
final class OneThreadLoad implements AutoCloseable {
  private final Selector selector;
  private final List<Typist> typists = new ArrayList<>();
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final ServerFrameScanner scanner = new ServerFrameScanner();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile String failure;
  final LongAdder acked = new LongAdder();
  final Recorder latency = new Recorder(3_600_000_000L, 3);
  final CountDownLatch joined;

  /** Connects {@code count} clients to the room (handshakes on this thread) and sends their hellos. */
  OneThreadLoad(URI room, String roomId, String key, int count, long seed, boolean acksInOps) throws IOException {
    selector = Selector.open();
    joined = new CountDownLatch(count);
    for (int i = 0; i < count; i++) {
      RawWebSocket ws = RawWebSocket.open(room, seed * 31 + i);
      Typist t = new Typist(dev.tandem.protocol.Ids.random(), roomId, key, seed + i, latency, acked,
          joined, scanner, this::fail, acksInOps);
      ws.register(selector, t);
      t.attach(ws);
      typists.add(t);
    }
    thread = Thread.ofPlatform().name("load-driver").daemon(true).start(this::loop);
  }

  void awaitJoined(long seconds) throws InterruptedException {
    if (!joined.await(seconds, TimeUnit.SECONDS)) {
      throw new IllegalStateException("only " + (typists.size() - joined.getCount()) + " of "
          + typists.size() + " clients got a welcome" + (failure != null ? "; " + failure : ""));
    }
  }

  /** Runs {@code task} on the driver thread. */
  void run(Runnable task) {
    tasks.add(task);
    selector.wakeup();
  }

  void startTyping() {
    run(() -> typists.forEach(t -> {
      try {
        t.start();
      } catch (IOException e) {
        fail("send failed: " + e);
      }
    }));
  }

  void stopTyping() {
    run(() -> typists.forEach(Typist::stop));
  }

  /** How many frames the clients received and how many of them the scanner read (after {@link #close}). */
  String scannerSummary() {
    return String.format("scanner read %,d of %,d frames received (%.1f %% answered from its %d slots)",
        scanner.scans - scanner.repeats, scanner.scans,
        scanner.scans == 0 ? 0.0 : 100.0 * scanner.repeats / scanner.scans, ServerFrameScanner.SLOTS);
  }

  String failure() {
    return failure;
  }

  private void fail(String why) {
    if (failure == null) {
      failure = why;
    }
  }

  private void loop() {
    try {
      while (running) {
        selector.select(100);
        Runnable task;
        while ((task = tasks.poll()) != null) {
          task.run();
        }
        var ready = selector.selectedKeys().iterator();
        while (ready.hasNext()) {
          SelectionKey k = ready.next();
          ready.remove();
          RawWebSocket ws = (RawWebSocket) k.attachment();
          try {
            if (k.isValid() && k.isWritable()) {
              ws.onWritable();
            }
            if (k.isValid() && k.isReadable()) {
              ws.onReadable();
            }
          } catch (IOException e) {
            if (running) {
              fail("socket: " + e);
            }
            k.cancel();
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      fail("driver: " + e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    run(() -> {
      typists.forEach(Typist::close);
      running = false;
    });
    thread.join(5_000);
    try {
      selector.close();
    } catch (IOException ignored) {
      // exiting
    }
  }
}
