package dev.tandem.server.transport;

/** Counters the WebSocket layer reports. Thread-safe implementations only. */
public interface TransportMetrics {
  TransportMetrics NONE = new TransportMetrics() {};

  default void connectionOpened() {}

  default void connectionClosed() {}

  default void messageIn() {}

  default void messageOut() {}
}
