package dev.tandem.sync.internal;

import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * {@link Transport} over OkHttp 5 WebSockets: pings every {@code pingInterval} (a missing pong fails
 * the socket), no read timeout (sockets are long-lived). Callbacks arrive on OkHttp's reader
 * thread; the engine hops to its own.
 */
public final class OkHttpTransport implements Transport {
  private final OkHttpClient client;

  public OkHttpTransport(Duration connectTimeout, Duration pingInterval) {
    this(connectTimeout, pingInterval, Optional.empty());
  }

  /** {@code trust}: which certificates {@code wss://} accepts; empty = the JDK's default. */
  public OkHttpTransport(Duration connectTimeout, Duration pingInterval, Optional<X509TrustManager> trust) {
    OkHttpClient.Builder builder = new OkHttpClient.Builder()
        .connectTimeout(connectTimeout)
        .readTimeout(Duration.ZERO)
        .pingInterval(pingInterval)
        .retryOnConnectionFailure(false);
    trust.ifPresent(tm -> builder.sslSocketFactory(socketFactory(tm), tm));
    this.client = builder.build();
  }

  private static SSLSocketFactory socketFactory(X509TrustManager trust) {
    try {
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, new TrustManager[] {trust}, null);
      return tls.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is not available in this JDK", e);
    }
  }

  @Override
  public Connection connect(String url, Listener listener) {
    WebSocket socket = client.newWebSocket(new Request.Builder().url(url).build(),
        new WebSocketListener() {
          @Override
          public void onOpen(WebSocket webSocket, Response response) {
            listener.onOpen();
          }

          @Override
          public void onMessage(WebSocket webSocket, String text) {
            listener.onMessage(text);
          }

          @Override
          public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
          }

          @Override
          public void onClosed(WebSocket webSocket, int code, String reason) {
            listener.onClosed(code, reason);
          }

          @Override
          public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            listener.onFailure(t);
          }
        });
    return new Connection() {
      @Override
      public boolean send(String text) {
        return socket.send(text);
      }

      @Override
      public void close(int code, String reason) {
        socket.close(code, reason);
      }

      @Override
      public void cancel() {
        socket.cancel();
      }
    };
  }

  @Override
  public void shutdown() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
