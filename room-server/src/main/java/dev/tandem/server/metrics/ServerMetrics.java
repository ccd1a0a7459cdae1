package dev.tandem.server.metrics;

import dev.tandem.server.room.RoomObserver;
import dev.tandem.server.store.CommitListener;
import dev.tandem.server.transport.TransportMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's Prometheus metrics, all prefixed {@code tandem_}: connections, rooms active and
 * hibernated, ops committed, messages in and out, commit latency and group-commit batch size, and
 * per room the Durable Objects billing units — active seconds and messages. Per-room series exist
 * while the room is active and are removed when it hibernates, so their number stays bounded by
 * the active rooms. Thread-safe.
 */
public final class ServerMetrics implements RoomObserver, TransportMetrics, CommitListener {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger activeRooms = new AtomicInteger();
  private final AtomicInteger hibernatedRooms = new AtomicInteger();
  private final Counter opsCommitted;
  private final Counter messagesIn;
  private final Counter messagesOut;
  private final Timer commitLatency;
  private final DistributionSummary batchSize;
  private final Counter storageFailures;
  private final ConcurrentHashMap<String, RoomMeters> perRoom = new ConcurrentHashMap<>();
  private final Set<String> hibernated = ConcurrentHashMap.newKeySet();

  public ServerMetrics() {
    Gauge.builder("tandem.connections", connections, AtomicInteger::get)
        .description("open WebSocket connections").register(registry);
    Gauge.builder("tandem.rooms.active", activeRooms, AtomicInteger::get)
        .description("rooms with their document in memory").register(registry);
    Gauge.builder("tandem.rooms.hibernated", hibernatedRooms, AtomicInteger::get)
        .description("rooms that dropped their state after being idle").register(registry);
    opsCommitted = Counter.builder("tandem.ops.committed").description("ops made durable").register(registry);
    messagesIn = Counter.builder("tandem.messages.in").description("frames received").register(registry);
    messagesOut = Counter.builder("tandem.messages.out").description("frames sent").register(registry);
    commitLatency = Timer.builder("tandem.commit.latency")
        .description("storage transaction time, fsync included").publishPercentileHistogram().register(registry);
    batchSize = DistributionSummary.builder("tandem.commit.batch.size")
        .description("ops per storage transaction (group commit)").publishPercentileHistogram().register(registry);
    storageFailures = Counter.builder("tandem.storage.failures").description("failed transactions").register(registry);
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }

  // ---- TransportMetrics ----
  @Override public void connectionOpened() { connections.incrementAndGet(); }
  @Override public void connectionClosed() { connections.decrementAndGet(); }
  @Override public void messageIn() { messagesIn.increment(); }
  @Override public void messageOut() { messagesOut.increment(); }

  // ---- CommitListener (the store's writer thread) ----
  @Override
  public void committed(int writes, int ops, long nanos) {
    commitLatency.record(nanos, TimeUnit.NANOSECONDS);
    if (ops > 0) {
      batchSize.record(ops);
    }
  }

  @Override
  public void failed(int writes, Exception cause) {
    storageFailures.increment();
  }

  // ---- RoomObserver (rooms' threads) ----
  @Override
  public void handled(String roomId, Object command, long nanos) {
    RoomMeters m = perRoom.get(roomId);
    if (m != null) {
      m.activeSeconds.increment(nanos / 1e9);
      m.messagesIn.increment();
    }
  }

  @Override
  public void sent(String roomId) {
    RoomMeters m = perRoom.get(roomId);
    if (m != null) {
      m.messagesOut.increment();
    }
  }

  @Override
  public void committed(String roomId, int ops) {
    opsCommitted.increment(ops);
  }

  @Override
  public void activated(String roomId) {
    if (perRoom.putIfAbsent(roomId, new RoomMeters(roomId)) == null) {
      activeRooms.incrementAndGet();
      if (hibernated.remove(roomId)) {
        hibernatedRooms.decrementAndGet();
      }
    }
  }

  @Override
  public void hibernated(String roomId) {
    RoomMeters m = perRoom.remove(roomId);
    if (m != null) {
      activeRooms.decrementAndGet();
      if (hibernated.add(roomId)) {
        hibernatedRooms.incrementAndGet();
      }
      m.remove();
    }
  }

  private final class RoomMeters {
    final Counter activeSeconds;
    final Counter messagesIn;
    final Counter messagesOut;

    RoomMeters(String roomId) {
      Tags tags = Tags.of("room", roomId);
      activeSeconds = Counter.builder("tandem.room.active.seconds")
          .description("time the room spent handling messages").tags(tags).register(registry);
      messagesIn = Counter.builder("tandem.room.messages.in").tags(tags).register(registry);
      messagesOut = Counter.builder("tandem.room.messages.out").tags(tags).register(registry);
    }

    void remove() {
      for (Meter meter : List.<Meter>of(activeSeconds, messagesIn, messagesOut)) {
        registry.remove(meter);
      }
    }
  }
}
