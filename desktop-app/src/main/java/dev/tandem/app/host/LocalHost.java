package dev.tandem.app.host;

import dev.tandem.protocol.Ids;
import dev.tandem.server.RoomServer;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.room.RoomCreator;
import dev.tandem.server.store.StorageFailedException;
import dev.tandem.server.store.sqlite.SqliteRoomStore;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The room server embedded in the app: started on first use (or at launch when this computer has
 * hosted before), reachable from the local network, storing rooms under the user's data
 * directory. One per app process.
 *
 * <p>It listens on a preferred, stable port, so that the links of the rooms it hosts keep working
 * when the app restarts; when another program holds that port it takes any free one and says so
 * ({@link Listening#fellBack()}). Links always name the current LAN address and port: a room
 * hosted here is reopened with its current links whatever address and port its old links name.
 *
 * <p>It is reachable from the whole network on a well-known port: only what rooms need is open
 * there (the room sockets, which need a room's key, the {@code /r/} landing page and {@code
 * /healthz}). Rooms are created in process, so {@code POST /api/rooms} needs a token nobody is
 * given, and {@code /metrics} (room ids and activity) is not served.
 *
 * <p>It starts the server only to host: to create a room, or when this computer has hosted before
 * (its store exists). Asking whether a room is hosted here never creates a store.
 *
 * <p>Thread-safe: the server is started and used under this object's lock (blocking; never on the
 * FX thread); {@link #listening()} reads a volatile and may be called from any thread. Once
 * {@link #close() closed} it never starts again ({@link HostClosedException}).
 */
public final class LocalHost implements AutoCloseable {
  private final Path dataDirectory;
  private final String bindAddress;
  /** Asked at every link made: the LAN address may change while the app runs. */
  private final Supplier<String> linkHost;
  /** 0: any free port (tests). */
  private final int preferredPort;
  /** Guarded by this. */
  private RoomServer server;
  /** Guarded by this; once true, {@link #server} stays null. */
  private boolean closed;
  /** Where the running server listens; null while stopped. */
  private volatile Listening listening;
  /** Why the server last failed to start; null once it runs, or before it was tried. */
  private volatile HostingFailedException startFailure;

  /** Links made by {@code linkHost}: the LAN address for people, 127.0.0.1 for tests. Any free port. */
  public LocalHost(Path dataDirectory, String bindAddress, String linkHost) {
    this(dataDirectory, bindAddress, () -> linkHost, 0);
  }

  /** As above, asking first for {@code preferredPort} (0: any free port). */
  public LocalHost(Path dataDirectory, String bindAddress, String linkHost, int preferredPort) {
    this(dataDirectory, bindAddress, () -> linkHost, preferredPort);
  }

  private LocalHost(Path dataDirectory, String bindAddress, Supplier<String> linkHost, int preferredPort) {
    if (preferredPort < 0 || preferredPort > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + preferredPort);
    }
    this.dataDirectory = Objects.requireNonNull(dataDirectory);
    this.bindAddress = bindAddress;
    this.linkHost = linkHost;
    this.preferredPort = preferredPort;
  }

  /** Binds every interface on {@code preferredPort} and names this machine by its current LAN address in links. */
  public static LocalHost forLan(Path dataDirectory, int preferredPort) {
    return new LocalHost(dataDirectory, "0.0.0.0", LocalHost::lanAddress, preferredPort);
  }

  /**
   * Where the server listens. {@code preferredPort} is the port asked for (0: any).
   */
  public record Listening(int port, int preferredPort) {
    /** The preferred port was taken: links from earlier sessions name a port this copy does not listen on. */
    public boolean fellBack() {
      return preferredPort != 0 && port != preferredPort;
    }
  }

  /** The links of a room this computer hosts; the host itself joins with {@code adminLink}. */
  public record HostedRoom(String id, String editLink, String viewLink, String adminLink) {
    @Override
    public String toString() {
      return "HostedRoom[" + id + "]";
    }
  }

  /** Creates a room (starting the server first when needed). Blocking: call off the FX thread. */
  public synchronized HostedRoom createRoom() throws HostingFailedException {
    startServer();
    return created(server.createRoom());
  }

  /**
   * Creates a room whose document starts as {@code document} (Open a file into a new room).
   * Blocking: call off the FX thread.
   *
   * @throws IllegalArgumentException if the document is longer than a room takes
   */
  public synchronized HostedRoom createRoom(dev.tandem.ot.Delta document) throws HostingFailedException {
    startServer();
    return created(server.createRoom(document));
  }

  /**
   * The room's links at this computer's current address and port when this computer hosts it (its
   * data is in the local store, wherever and whenever it was created here); empty otherwise.
   * Starts the server when this computer has hosted before and it is not running yet; without a
   * store (never hosted here) it is empty and nothing starts. {@code editKey} and {@code viewKey}
   * may be null (unknown: their links are then null). Blocking: call off the FX thread.
   */
  public synchronized Optional<HostedRoom> hostedRoom(String roomId, String editKey, String viewKey, String adminKey)
      throws HostingFailedException {
    if (server == null && !closed && !hostedBefore()) {
      return Optional.empty();
    }
    startServer();
    if (!server.hasRoom(roomId)) {
      return Optional.empty();
    }
    return Optional.of(new HostedRoom(roomId, link(roomId, editKey), link(roomId, viewKey), link(roomId, adminKey)));
  }

  /**
   * Starts the server now when this computer has hosted rooms before (its data directory holds a
   * store), so that their links work while the app runs even before the user opens one. Blocking.
   *
   * @throws HostClosedException after {@link #close()}, hosted before or not
   */
  public synchronized void startIfHostedBefore() throws HostingFailedException {
    if (closed || hostedBefore()) {
      startServer();
    }
  }

  private boolean hostedBefore() {
    return Files.exists(dataDirectory.resolve(SqliteRoomStore.FILE_NAME));
  }

  /**
   * Why the server last failed to start (a locked or unreadable store, say), null when it runs or
   * has not been tried: the start screen says it. Any thread.
   */
  public HostingFailedException startFailure() {
    return startFailure;
  }

  /** Where the server listens, or null while it is not running. Any thread. */
  public Listening listening() {
    return listening;
  }

  private String link(String roomId, String key) {
    return key == null ? null : server.appLink(linkHost.get(), roomId, key);
  }

  private HostedRoom created(RoomCreator.NewRoom room) {
    return new HostedRoom(room.id(), link(room.id(), room.editKey()), link(room.id(), room.viewKey()),
        link(room.id(), room.adminKey()));
  }

  /** Starts the server on the preferred port, or on any free one when another program holds it. */
  private void startServer() throws HostingFailedException {
    if (closed) {
      throw new HostClosedException();
    }
    if (server != null) {
      return;
    }
    try {
      try {
        server = start(preferredPort);
      } catch (Exception e) {
        if (preferredPort == 0 || !portTaken(e)) {
          throw e;
        }
        server = start(0);
      }
    } catch (StorageFailedException e) {
      throw startFailure = new HostingFailedException(storeProblem(e), e);
    } catch (Exception e) {
      throw startFailure = new HostingFailedException((e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
          + ". Check that the data folder is writable, or join someone else's room", e);
    }
    startFailure = null;
    listening = new Listening(server.port(), preferredPort);
  }

  /** What is wrong with the store, completing "Tandem couldn't start hosting…: ". */
  private String storeProblem(StorageFailedException e) {
    return switch (e.reason()) {
      case IN_USE -> "another copy of Tandem is hosting rooms from " + dataDirectory + ". Close it, or use that copy";
      case NEWER_SCHEMA -> "the rooms in " + dataDirectory + " were written by a newer version of Tandem. "
          + "Update Tandem to host them";
      case OTHER -> "the rooms folder " + dataDirectory + " can't be used ("
          + (e.getMessage() == null ? "" : e.getMessage()) + "). Check that the folder is writable and the disk is not full";
    };
  }

  /**
   * The embedded server: a random create token (the app creates rooms in process; nobody on the
   * network may) and no {@code /metrics}.
   */
  private RoomServer start(int port) throws Exception {
    return RoomServer.start(ServerConfig.builder().bindAddress(bindAddress).port(port)
        .dataDirectory(dataDirectory).createToken(Ids.random() + Ids.random()).servesMetrics(false).build());
  }

  /** Jetty reports a port in use as an IOException caused by a BindException. */
  private static boolean portTaken(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  public synchronized RoomServer server() {
    return server;
  }

  /** The address the OS would use to reach the outside; 127.0.0.1 without a network. */
  static String lanAddress() {
    // No packet is sent by a UDP connect.
    try (DatagramSocket s = new DatagramSocket()) {
      s.connect(InetAddress.getByName("192.0.2.1"), 9);
      String a = s.getLocalAddress().getHostAddress();
      if (!a.equals("0.0.0.0") && !a.contains(":")) {
        return a;
      }
    } catch (Exception ignored) {
      // No network: only this computer can join.
    }
    return "127.0.0.1";
  }

  /** Stops the server for good: later calls that would start it throw {@link HostClosedException}. */
  @Override
  public synchronized void close() {
    closed = true;
    listening = null;
    if (server != null) {
      server.close();
      server = null;
    }
  }
}
