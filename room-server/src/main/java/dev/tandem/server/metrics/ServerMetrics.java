package dev.tandem.server.metrics;

import dev.tandem.server.room.RoomObserver;
import dev.tandem.server.store.CommitListener;
import dev.tandem.server.transport.TransportMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's Prometheus metrics, all prefixed {@code tandem_}: connections, rooms active and
 * hibernated, ops committed, messages in and out, commit latency and group-commit batch size, the
 * outbound queues (bytes queued now, each closed connection's peak, slow consumers dropped), and
 * per room the Durable Objects billing units — active seconds and messages (docs/operations.md).
 * A room's series appear at its first activation, keep counting across hibernations, and are
 * removed {@code retainRetired} after its object retired (no connections, nothing in memory), so
 * their number stays bounded by the rooms in use plus those retired within that time. Thread-safe.
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
  private final AtomicLong outboundQueuedBytes = new AtomicLong();
  private final DistributionSummary outboundQueuePeak;
  private final Counter slowConsumers;
  private final ConcurrentHashMap<String, RoomMeters> perRoom = new ConcurrentHashMap<>();
  private final Set<String> hibernated = ConcurrentHashMap.newKeySet();
  /** How long a retired room's series stay for scrapes to see their final values. */
  private final Duration retainRetired;
  private static final long PRUNE_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
  private volatile long lastPruneNanos = System.nanoTime();

  /** Keeps a retired room's series for 10 minutes (several scrape intervals). */
  public ServerMetrics() {
    this(Duration.ofMinutes(10));
  }

  public ServerMetrics(Duration retainRetired) {
    this.retainRetired = retainRetired;
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
    Gauge.builder("tandem.outbound.queued", outboundQueuedBytes, AtomicLong::get).baseUnit("bytes")
        .description("bytes queued to be written to clients, all connections (bounded per connection)")
        .register(registry);
    outboundQueuePeak = DistributionSummary.builder("tandem.outbound.queue.peak").baseUnit("bytes")
        .description("the most bytes a connection's outbound queue held, recorded when it closes")
        .register(registry);
    slowConsumers = Counter.builder("tandem.slow.consumers")
        .description("connections dropped because their outbound queue would have passed its bound")
        .register(registry);
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    prune(System.nanoTime());
    return registry.scrape();
  }

  // ---- TransportMetrics ----
  @Override public void connectionOpened() { connections.incrementAndGet(); }
  @Override public void connectionClosed() { connections.decrementAndGet(); }
  @Override public void messageIn() { messagesIn.increment(); }
  @Override public void messageOut() { messagesOut.increment(); }
  @Override public void outboundQueued(long delta) { outboundQueuedBytes.addAndGet(delta); }
  @Override public void outboundQueuePeak(long bytes) { outboundQueuePeak.record(bytes); }
  @Override public void slowConsumerDisconnected() { slowConsumers.increment(); }

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
  public void received(String roomId) {
    RoomMeters m = perRoom.get(roomId);
    if (m != null) {
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
    long now = System.nanoTime();
    // Atomic per id with prune(): a series is never removed between being found and activated.
    perRoom.compute(roomId, (id, existing) -> {
      RoomMeters m = existing != null ? existing : new RoomMeters(id);
      if (m.activate(now)) {
        activeRooms.incrementAndGet();
        if (hibernated.remove(id)) {
          hibernatedRooms.decrementAndGet();
        }
      }
      return m;
    });
  }

  @Override
  public void hibernated(String roomId) {
    RoomMeters m = perRoom.get(roomId);
    if (m != null && m.deactivate(System.nanoTime())) {
      activeRooms.decrementAndGet();
      if (hibernated.add(roomId)) {
        hibernatedRooms.incrementAndGet();
      }
    }
  }

  @Override
  public void retired(String roomId) {
    RoomMeters m = perRoom.get(roomId);
    long now = System.nanoTime();
    if (m != null) {
      m.retire(now);
    }
    if (now - lastPruneNanos > PRUNE_EVERY_NANOS) {
      prune(now);
    }
  }

  /** Removes the series of rooms retired longer than {@link #retainRetired} ago. */
  private void prune(long now) {
    lastPruneNanos = now;
    long retain = retainRetired.toNanos();
    for (String roomId : perRoom.keySet()) {
      // Unregistered inside the map's atomic section, so a new series for the same id (activated())
      // is registered only after the old one left the registry.
      perRoom.computeIfPresent(roomId, (id, m) -> {
        if (m.retiredLongerThan(retain, now)) {
          m.remove();
          return null;
        }
        return m;
      });
    }
  }

  /**
   * One room's billing series. The counters are monotonic for the life of the series: they survive
   * hibernation and reactivation, and the series is removed only {@link #retainRetired} after the
   * room's object retired (so a scrape sees the final counts). Active time is wall-clock time from
   * each activation to the following hibernation, plus the running span while active.
   */
  private final class RoomMeters {
    final FunctionCounter activeSeconds;
    final Counter messagesIn;
    final Counter messagesOut;
    // guarded by this
    private long activeNanos;
    private long activeSince = -1;
    private long retiredAt = -1;

    RoomMeters(String roomId) {
      Tags tags = Tags.of("room", roomId);
      activeSeconds = FunctionCounter.builder("tandem.room.active.seconds", this, RoomMeters::activeSeconds)
          .description("wall-clock time the room's state was in memory (activation to hibernation)")
          .tags(tags).register(registry);
      messagesIn = Counter.builder("tandem.room.messages.in")
          .description("WebSocket frames clients sent to the room").tags(tags).register(registry);
      messagesOut = Counter.builder("tandem.room.messages.out")
          .description("frames the room queued to its clients").tags(tags).register(registry);
    }

    /** True when the room was not active before. */
    synchronized boolean activate(long now) {
      retiredAt = -1;
      if (activeSince >= 0) {
        return false;
      }
      activeSince = now;
      return true;
    }

    /** True when the room was active before. */
    synchronized boolean deactivate(long now) {
      if (activeSince < 0) {
        return false;
      }
      activeNanos += now - activeSince;
      activeSince = -1;
      return true;
    }

    /**
     * The room's object left the registry. Ignored while the series is active: a new object for
     * the same id may already have activated it.
     */
    synchronized void retire(long now) {
      if (activeSince < 0) {
        retiredAt = now;
      }
    }

    synchronized boolean retiredLongerThan(long nanos, long now) {
      return retiredAt >= 0 && activeSince < 0 && now - retiredAt >= nanos;
    }

    synchronized double activeSeconds() {
      long total = activeNanos + (activeSince >= 0 ? System.nanoTime() - activeSince : 0);
      return total / 1e9;
    }

    void remove() {
      for (Meter meter : List.<Meter>of(activeSeconds, messagesIn, messagesOut)) {
        registry.remove(meter);
      }
    }
  }
}
