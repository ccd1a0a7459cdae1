package dev.tandem.server;

import dev.tandem.server.http.HttpRoutes;
import dev.tandem.server.http.RoomLinks;
import dev.tandem.server.metrics.ServerMetrics;
import dev.tandem.server.room.RoomCreator;
import dev.tandem.server.room.RoomRegistry;
import dev.tandem.server.store.InMemoryRoomStore;
import dev.tandem.server.store.RoomStore;
import dev.tandem.server.store.sqlite.SqliteRoomStore;
import dev.tandem.server.transport.Liveness;
import dev.tandem.server.transport.RoomSockets;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Tandem room server, embeddable: {@link #start} binds and returns a running server; {@link
 * #close} stops it, closing every connection with {@code shutting-down} and flushing storage. One
 * port serves the WebSocket endpoint {@code /rooms/{id}} and the HTTP routes of
 * {@link HttpRoutes}. Jetty handlers run on virtual threads; each room's work runs in its own
 * mailbox on a virtual-thread executor.
 *
 * <p>Thread-safe. The desktop app uses it to host rooms; {@code RoomServerMain} runs it standalone.
 */
public final class RoomServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RoomServer.class);

  private final ServerConfig config;
  private final Server jetty;
  private final ServerConnector connector;
  private final RoomStore store;
  private final RoomRegistry rooms;
  private final RoomCreator creator;
  private final ServerMetrics metrics;
  private final ExecutorService roomExecutor;
  private final ScheduledExecutorService timer;
  private final Liveness liveness;

  private RoomServer(ServerConfig config, UnaryOperator<RoomStore> decorateStore) {
    this.config = config;
    this.metrics = new ServerMetrics();
    this.store = decorateStore.apply(config.dataDirectory() == null
        ? new InMemoryRoomStore()
        : SqliteRoomStore.open(config.dataDirectory(),
            SqliteRoomStore.Options.defaults().withListener(metrics)));
    Clock clock = Clock.systemUTC();
    this.roomExecutor = Executors.newVirtualThreadPerTaskExecutor();
    this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("tandem-room-timer").factory());
    this.rooms = new RoomRegistry(store, config.rooms(), clock, roomExecutor, timer, metrics);
    this.creator = new RoomCreator(store, clock);

    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("tandem-http");
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    this.jetty = new Server(threads);
    this.connector = connector(jetty, config);
    jetty.addConnector(connector);
    ContextHandler context = new ContextHandler("/");
    // server → context → WebSocket upgrade (/rooms/*) → HTTP routes
    this.liveness = new Liveness(timer, config.pingInterval(), config.pongTimeout());
    var sockets = RoomSockets.install(jetty, context, rooms, metrics, config, liveness);
    sockets.setHandler(new HttpRoutes(creator, config.createToken(), config.publicUrl(),
        config.servesMetrics() ? metrics::scrape : null));
    context.setHandler(sockets);
    jetty.setHandler(context);
    jetty.setStopTimeout(2_000);
  }

  /** Starts a server; the returned server is listening. */
  public static RoomServer start(ServerConfig config) throws Exception {
    return start(config, UnaryOperator.identity());
  }

  /**
   * Starts a server whose store is the one {@code config} names, wrapped by {@code decorateStore}
   * (instrumentation; tests use it to hold a read or fail a write). The wrapper must keep the
   * {@link RoomStore} contract; the server closes it.
   */
  public static RoomServer start(ServerConfig config, UnaryOperator<RoomStore> decorateStore) throws Exception {
    RoomServer server = new RoomServer(config, decorateStore);
    try {
      server.jetty.start();
    } catch (Exception e) {
      server.close();
      throw e;
    }
    log.info("Tandem room server listening on {}:{} ({})", config.bindAddress(), server.port(),
        config.dataDirectory() == null ? "in-memory storage" : "data in " + config.dataDirectory());
    return server;
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** {@code http(s)://host:port} as seen from this machine, for links made in-process. */
  public String baseUrl(String host) {
    if (config.publicUrl() != null) {
      return config.publicUrl();
    }
    return (config.tlsKeystore() != null ? "https" : "http") + "://" + host + ":" + port();
  }

  /** Creates a room directly (the app hosting a room does not need HTTP for this). */
  public RoomCreator.NewRoom createRoom() {
    return creator.create();
  }

  /**
   * Creates a room whose document starts as {@code document} (a file opened into a new room).
   *
   * @throws IllegalArgumentException if it is not a document ending with '\n', or longer than the
   *     rooms' {@code maxDocLength}
   */
  public RoomCreator.NewRoom createRoom(dev.tandem.ot.Delta document) {
    int max = config.rooms().limits().maxDocLength();
    if (document.length() > max) {
      throw new IllegalArgumentException("document of " + document.length()
          + " characters; the limit is " + max);
    }
    return creator.create(document);
  }

  /**
   * True when this server's store holds the room: it was created on this data directory (by this
   * run or an earlier one). How the desktop app recognises, after a restart, a room it hosts.
   */
  public boolean hasRoom(String roomId) {
    return store.findRoom(roomId).isPresent();
  }

  /** The most characters a room's document may hold. */
  public int maxDocLength() {
    return config.rooms().limits().maxDocLength();
  }

  /** {@code tandem://host:port/ROOM?key=KEY}, with {@code &tls=1} when this server serves TLS. */
  public String appLink(String host, String roomId, String key) {
    return RoomLinks.appLink(baseUrl(host), roomId, key);
  }

  public ServerMetrics metrics() {
    return metrics;
  }

  RoomRegistry rooms() {
    return rooms;
  }

  @Override
  public void close() {
    liveness.close();
    rooms.shutdownAll();
    try {
      jetty.stop();
    } catch (Exception e) {
      log.warn("error stopping Jetty", e);
    }
    timer.shutdownNow();
    roomExecutor.shutdown();
    store.close();
  }

  private static ServerConnector connector(Server jetty, ServerConfig config) {
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector;
    if (config.tlsKeystore() != null) {
      SslContextFactory.Server tls = new SslContextFactory.Server();
      tls.setKeyStorePath(config.tlsKeystore().toString());
      tls.setKeyStorePassword(config.tlsPassword());
      http.addCustomizer(new SecureRequestCustomizer());
      connector = new ServerConnector(jetty, new SslConnectionFactory(tls, "http/1.1"),
          new HttpConnectionFactory(http));
    } else {
      connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
    }
    connector.setHost(config.bindAddress());
    connector.setPort(config.port());
    return connector;
  }
}
