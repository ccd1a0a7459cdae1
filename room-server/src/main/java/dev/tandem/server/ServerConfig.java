package dev.tandem.server;

import dev.tandem.server.room.RoomConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a {@link RoomServer} needs. Immutable; build with {@link #builder()}.
 *
 * @param bindAddress interface to listen on ({@code 0.0.0.0} for the local network, {@code
 *     127.0.0.1} for this computer only)
 * @param port TCP port; 0 picks a free one (see {@link RoomServer#port()})
 * @param dataDirectory where the SQLite database lives; null keeps rooms in memory (tests only)
 * @param createToken when set, {@code POST /api/rooms} needs {@code Authorization: Bearer <token>}
 * @param publicUrl base URL put in share links (e.g. {@code https://tandem.example.org}); null
 *     derives it from each request's Host header
 * @param tlsKeystore PKCS12 keystore for wss/https; null serves plain ws/http
 * @param tlsPassword the keystore's password
 * @param rooms room behaviour and the limits announced to clients
 * @param maxOutboundBytes per connection: frames queued to a client that reads too slowly, beyond
 *     which it is disconnected
 * @param idleTimeout a socket silent this long is closed (clients ping well within it)
 * @param pingInterval the server pings every connection this often (protocol: 30 s)
 * @param pongTimeout a connection that has not answered a ping for this long is closed with 1001
 *     (protocol: 60 s)
 * @param servesMetrics whether {@code GET /metrics} answers (room ids and activity); false makes it
 *     a 404, for a server whose port anyone on the network reaches without running it (the app's
 *     embedded server)
 */
public record ServerConfig(String bindAddress, int port, Path dataDirectory, String createToken,
    String publicUrl, Path tlsKeystore, String tlsPassword, RoomConfig rooms, long maxOutboundBytes,
    Duration idleTimeout, Duration pingInterval, Duration pongTimeout, boolean servesMetrics) {

  public ServerConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(rooms, "rooms");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(pingInterval, "pingInterval");
    Objects.requireNonNull(pongTimeout, "pongTimeout");
    if (pingInterval.isZero() || pingInterval.isNegative() || pongTimeout.compareTo(pingInterval) <= 0) {
      throw new IllegalArgumentException("pingInterval must be positive and pongTimeout longer than it");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    if (tlsKeystore != null && tlsPassword == null) {
      throw new IllegalArgumentException("a TLS keystore needs its password");
    }
  }

  @Override
  public String toString() {
    return "ServerConfig[bind=" + bindAddress + ":" + port + ", data=" + dataDirectory
        + ", createToken=" + (createToken == null ? "none" : "<set>") + ", publicUrl=" + publicUrl
        + ", tls=" + (tlsKeystore != null) + ", metrics=" + servesMetrics + ", rooms=" + rooms + "]";
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Defaults: all interfaces, a free port, in-memory storage, open room creation, no TLS, metrics served. */
  public static final class Builder {
    private String bindAddress = "0.0.0.0";
    private int port;
    private Path dataDirectory;
    private String createToken;
    private String publicUrl;
    private Path tlsKeystore;
    private String tlsPassword;
    private RoomConfig rooms = RoomConfig.DEFAULTS;
    private long maxOutboundBytes = 4L << 20;
    private Duration idleTimeout = Duration.ofSeconds(60);
    private Duration pingInterval = Duration.ofSeconds(30);
    private Duration pongTimeout = Duration.ofSeconds(60);
    private boolean servesMetrics = true;

    public Builder bindAddress(String v) { bindAddress = v; return this; }
    public Builder port(int v) { port = v; return this; }
    public Builder dataDirectory(Path v) { dataDirectory = v; return this; }
    public Builder createToken(String v) { createToken = v; return this; }
    public Builder publicUrl(String v) { publicUrl = v; return this; }
    public Builder tls(Path keystore, String password) { tlsKeystore = keystore; tlsPassword = password; return this; }
    public Builder rooms(RoomConfig v) { rooms = v; return this; }
    public Builder maxOutboundBytes(long v) { maxOutboundBytes = v; return this; }
    public Builder idleTimeout(Duration v) { idleTimeout = v; return this; }
    public Builder liveness(Duration ping, Duration pongTimeout) { pingInterval = ping; this.pongTimeout = pongTimeout; return this; }
    public Builder servesMetrics(boolean v) { servesMetrics = v; return this; }

    public ServerConfig build() {
      return new ServerConfig(bindAddress, port, dataDirectory, createToken, publicUrl, tlsKeystore,
          tlsPassword, rooms, maxOutboundBytes, idleTimeout, pingInterval, pongTimeout, servesMetrics);
    }
  }
}
