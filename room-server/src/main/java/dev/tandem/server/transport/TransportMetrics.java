package dev.tandem.server.transport;

/** Counters the WebSocket layer reports. Thread-safe implementations only. */
public interface TransportMetrics {
  TransportMetrics NONE = new TransportMetrics() {};

  default void connectionOpened() {}

  default void connectionClosed() {}

  default void messageIn() {}

  default void messageOut() {}

  /** Bytes entered ({@code delta} > 0) or left (< 0) a connection's outbound queue. */
  default void outboundQueued(long delta) {}

  /** A connection closed; {@code bytes} is the most its outbound queue ever held. */
  default void outboundQueuePeak(long bytes) {}

  /** A connection was dropped as a slow consumer (its outbound queue would have passed the bound). */
  default void slowConsumerDisconnected() {}
}
