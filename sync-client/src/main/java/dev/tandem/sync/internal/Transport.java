package dev.tandem.sync.internal;

/**
 * A WebSocket as the engine sees it: text frames in and out, one listener per connection. The
 * production implementation is {@link OkHttpTransport}; tests plug in in-memory sockets.
 *
 * <p>Listener methods may run on any thread (OkHttp's reader thread): the engine hops to its own
 * thread before touching state.
 */
public interface Transport {

  /** Starts connecting; the listener hears {@code onOpen} or {@code onFailure}. */
  Connection connect(String url, Listener listener);

  /** Closes idle resources (thread pools); connections should be closed first. */
  default void shutdown() {}

  interface Connection {
    /** Queues a text frame; false when the socket is closing or its queue is full (16 MiB). */
    boolean send(String text);

    /** Starts a graceful close. */
    void close(int code, String reason);

    /** Drops the socket at once. */
    void cancel();
  }

  interface Listener {
    void onOpen();

    void onMessage(String text);

    /** The socket closed (either side). Not called after {@link #onFailure}. */
    void onClosed(int code, String reason);

    void onFailure(Throwable error);
  }
}
