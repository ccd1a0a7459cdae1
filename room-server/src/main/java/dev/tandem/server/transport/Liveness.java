package dev.tandem.server.transport;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The liveness rule of docs/protocol.md §1: the server pings every connection every
 * {@code pingInterval} and closes (1001, no error frame) one that has not answered with a pong for
 * {@code pongTimeout}. One server-wide task sweeps all open connections, so an idle server runs
 * one timer, not one per socket.
 *
 * <p>Threads: {@link #sweep} runs on the timer thread; connections register and report pongs from
 * Jetty's threads. The set is concurrent and each connection's last pong is a volatile.
 */
public final class Liveness implements AutoCloseable {
  /** What the sweep needs from a connection. */
  interface Connection {
    /** {@link System#nanoTime} of the last pong (or of the open, before the first). */
    long lastPongNanos();

    void ping();

    /** Closes with 1001 because the peer stopped answering pings. */
    void closeUnresponsive();
  }

  private final Set<Connection> open = ConcurrentHashMap.newKeySet();
  private final long timeoutNanos;
  private final LongSupplier clock;
  private final ScheduledFuture<?> task;

  public Liveness(ScheduledExecutorService timer, Duration pingInterval, Duration pongTimeout) {
    this(timer, pingInterval, pongTimeout, System::nanoTime);
  }

  Liveness(ScheduledExecutorService timer, Duration pingInterval, Duration pongTimeout, LongSupplier clock) {
    this.timeoutNanos = pongTimeout.toNanos();
    this.clock = clock;
    this.task = timer == null ? null : timer.scheduleWithFixedDelay(this::sweep,
        pingInterval.toNanos(), pingInterval.toNanos(), TimeUnit.NANOSECONDS);
  }

  void opened(Connection c) {
    open.add(c);
  }

  void closed(Connection c) {
    open.remove(c);
  }

  /** Closes connections silent for longer than the timeout and pings the others. */
  void sweep() {
    long now = clock.getAsLong();
    for (Connection c : open) {
      try {
        if (now - c.lastPongNanos() > timeoutNanos) {
          open.remove(c);
          c.closeUnresponsive();
        } else {
          c.ping();
        }
      } catch (RuntimeException e) {
        open.remove(c); // a broken connection must not stop the sweep of the others
      }
    }
  }

  int size() {
    return open.size();
  }

  @Override
  public void close() {
    if (task != null) {
      task.cancel(false);
    }
  }
}
