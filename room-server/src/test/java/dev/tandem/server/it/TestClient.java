package dev.tandem.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.MessageCodec;
import dev.tandem.protocol.Protocol;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.Range;
import dev.tandem.protocol.Values.User;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test-only Tandem client on the JDK's {@code java.net.http.WebSocket}: sends frames, collects
 * received frames (decoded with {@link MessageCodec#decodeServer}) in a blocking queue, and
 * reports the close code. Every wait is bounded by {@link #WAIT}.
 *
 * <p>For a client that stops reading, use {@link RawFloodClient}: a paused JDK client that resumes
 * after the server dropped it sometimes never reports the end.
 *
 * <p>Threads: the listener runs on the HTTP client's threads and only touches the queue and the
 * close future (both thread-safe); everything else is called from the test thread.
 */
final class TestClient implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(10);
  /** Close code reported when the connection ends without a close frame (reset, EOF). */
  static final int ABNORMAL = 1006;

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final String clientId;
  private final LinkedBlockingQueue<ServerMessage> received = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  /** Why the JDK client ended the connection abnormally, if it did (for failure messages). */
  private volatile Throwable closedBy;
  /** Whole text frames received so far (consumed or not). */
  private final java.util.concurrent.atomic.AtomicInteger framesReceived = new java.util.concurrent.atomic.AtomicInteger();
  private final WebSocket socket;
  private volatile boolean reading;
  /** One entry per pong received. */
  private final LinkedBlockingQueue<Boolean> pongs = new LinkedBlockingQueue<>();

  private TestClient(String clientId, WebSocket socket) {
    this.clientId = clientId;
    this.socket = socket;
  }

  static TestClient connect(int port, String roomId) {
    return open(port, roomId, dev.tandem.protocol.Ids.random(), true);
  }

  /** A new connection for a known clientId (a reconnect). */
  static TestClient connect(int port, String roomId, String clientId) {
    return open(port, roomId, clientId, true);
  }

  /** The HTTP status of a refused upgrade (e.g. 404 for a malformed room id). */
  static int refusedUpgradeStatus(int port, String path) {
    try {
      HTTP.newWebSocketBuilder().connectTimeout(WAIT)
          .buildAsync(URI.create("ws://127.0.0.1:" + port + path), new WebSocket.Listener() {})
          .get(WAIT.toMillis(), TimeUnit.MILLISECONDS).abort();
      return fail("the upgrade to " + path + " was accepted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException refused) {
        return refused.getResponse().statusCode();
      }
      throw new AssertionError(e);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Connects to {@code webSocketBase} ({@code ws[s]://host:port}) with {@code http} (e.g. one that trusts a test certificate). */
  static TestClient connect(HttpClient http, String webSocketBase, String roomId) {
    return open(http, URI.create(webSocketBase + Protocol.ROOM_PATH_PREFIX + roomId), roomId,
        dev.tandem.protocol.Ids.random(), true);
  }

  private static TestClient open(int port, String roomId, String clientId, boolean reading) {
    return open(HTTP, URI.create("ws://127.0.0.1:" + port + Protocol.ROOM_PATH_PREFIX + roomId), roomId, clientId, reading);
  }

  private static TestClient open(HttpClient http, URI uri, String roomId, String clientId, boolean reading) {
    Listener listener = new Listener(reading);
    try {
      WebSocket ws = http.newWebSocketBuilder().connectTimeout(WAIT)
          .buildAsync(uri, listener)
          .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      TestClient client = new TestClient(clientId, ws);
      client.reading = reading;
      listener.client = client;
      listener.ready.complete(null);
      return client;
    } catch (Exception e) {
      throw new AssertionError("could not connect to room " + roomId, e);
    }
  }

  // ---- sending ----

  void sendRaw(String frame) {
    try {
      socket.sendText(frame, true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("could not send " + frame, e);
    }
  }


  void sendBinary(byte[] bytes) {
    try {
      socket.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Returns once the server has read every frame this client sent before: it answers a ping only
   * after handing the frames before it to the room (it reads one frame at a time, in order), so
   * the pong is the barrier. Frames the server sent in answer to them while reading are already
   * in this client's queue then, ahead of nothing it sends later.
   */
  void awaitServerRead() {
    try {
      socket.sendPing(java.nio.ByteBuffer.allocate(0)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (pongs.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS) == null) {
        fail("client " + clientId + ": no pong within " + WAIT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (Exception e) {
      throw new AssertionError("could not ping", e);
    }
  }

  void send(ClientMessage message) {
    sendRaw(MessageCodec.encode(message));
  }

  static ClientMessage.Hello helloMessage(String roomId, String key, String clientId, OptionalLong since) {
    return helloMessage(roomId, key, clientId, since, false);
  }

  static ClientMessage.Hello helloMessage(String roomId, String key, String clientId, OptionalLong since,
      boolean acksInOps) {
    return new ClientMessage.Hello(Protocol.PROTOCOL_VERSION, roomId, key, clientId,
        new User("user-" + clientId.substring(0, 4), "#336699"), since, acksInOps);
  }

  /** Sends hello for a fresh join and returns the welcome. */
  ServerMessage.Welcome hello(String roomId, String key) {
    return hello(roomId, key, OptionalLong.empty());
  }

  ServerMessage.Welcome hello(String roomId, String key, OptionalLong since) {
    return hello(roomId, key, since, false);
  }

  /** {@code acksInOps}: ask for acks in the shared ops frame (docs/protocol.md §5). */
  ServerMessage.Welcome hello(String roomId, String key, OptionalLong since, boolean acksInOps) {
    send(helloMessage(roomId, key, clientId, since, acksInOps));
    return next(ServerMessage.Welcome.class);
  }

  void op(long base, long seq, Delta delta) {
    send(new ClientMessage.Submit(base, seq, delta));
  }

  /**
   * Types {@code text} at positions {@code from} to {@code to − 1}: one op each, at base = position
   * and seq = position + 1 (a fresh room where this client is the only writer), each acked before
   * the next is sent.
   */
  void typeAcked(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      op(i, i + 1, Edits.insert(i, text, clientId));
      assertThat(skipTo(ServerMessage.Ack.class).rev()).isEqualTo(i + 1);
    }
  }

  void presence(long base, Range... ranges) {
    send(new ClientMessage.Presence(base, List.of(ranges)));
  }

  void chat(String text) {
    send(new ClientMessage.Chat(text));
  }

  // ---- receiving ----

  /** The next frame, whatever it is. */
  ServerMessage next() {
    try {
      ServerMessage m = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (m == null) {
        fail("client " + clientId + ": no frame within " + WAIT + (closed.isDone() ? "; closed with " + closed.getNow(0)
            + (closedBy == null ? "" : " (" + closedBy + ")") : ""));
      }
      return m;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The next frame, which must be of {@code type}. */
  <T extends ServerMessage> T next(Class<T> type) {
    ServerMessage m = next();
    assertThat(m).as("client %s: next frame", clientId).isInstanceOf(type);
    return type.cast(m);
  }

  /** The next frame of {@code type}; frames of other types before it are dropped. */
  <T extends ServerMessage> T skipTo(Class<T> type) {
    List<ServerMessage> skipped = new ArrayList<>();
    while (true) {
      ServerMessage m = next();
      if (type.isInstance(m)) {
        return type.cast(m);
      }
      skipped.add(m);
      if (skipped.size() > 10_000) {
        fail("client %s: no %s among %s", clientId, type.getSimpleName(), skipped.subList(0, 20));
      }
    }
  }

  /** The next error frame, skipping peer/presence notices. */
  ServerMessage.Error nextError() {
    return skipTo(ServerMessage.Error.class);
  }

  /** A frame already received, without waiting; null if none. */
  ServerMessage poll() {
    return received.poll();
  }

  /** Waits for the connection to end; returns the close code (1006 when it ended without one). */
  int awaitClose() {
    try {
      return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("client " + clientId + ": still open after " + WAIT, e);
    }
  }

  /** Text frames received on this connection so far, whether or not a test read them. */
  int framesReceived() {
    return framesReceived.get();
  }

  boolean isClosed() {
    return closed.isDone();
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
    socket.abort();
  }

  /** Collects whole text frames; requests one more after each when the client is reading. */
  private static final class Listener implements WebSocket.Listener {
    final CompletableFuture<Void> ready = new CompletableFuture<>();
    final boolean readingAtStart;
    volatile TestClient client;
    private final StringBuilder partial = new StringBuilder();

    Listener(boolean reading) {
      this.readingAtStart = reading;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      if (readingAtStart) {
        webSocket.request(1);
      }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String frame = partial.toString();
        partial.setLength(0);
        ready.join();
        client.framesReceived.incrementAndGet();
        client.received.add(MessageCodec.decodeServer(frame));
      }
      if (client == null || client.reading) {
        webSocket.request(1);
      }
      return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, java.nio.ByteBuffer message) {
      ready.join();
      client.pongs.add(Boolean.TRUE);
      if (client.reading) {
        webSocket.request(1);
      }
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      ready.join();
      client.closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      ready.join();
      client.closedBy = error;
      client.closed.complete(ABNORMAL);
    }
  }
}
