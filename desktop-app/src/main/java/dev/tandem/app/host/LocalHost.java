package dev.tandem.app.host;

import dev.tandem.server.RoomServer;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.room.RoomCreator;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;

/**
 * The room server embedded in the app: started on first use, reachable from the local network,
 * storing rooms under the user's data directory. One per app process.
 */
public final class LocalHost implements AutoCloseable {
  private final Path dataDirectory;
  private final String bindAddress;
  private final String linkHost;
  private RoomServer server;

  /** Links made by {@code linkHost}: the LAN address for people, 127.0.0.1 for tests. */
  public LocalHost(Path dataDirectory, String bindAddress, String linkHost) {
    this.dataDirectory = dataDirectory;
    this.bindAddress = bindAddress;
    this.linkHost = linkHost;
  }

  /** Binds every interface and names this machine by its LAN address in links. */
  public static LocalHost forLan(Path dataDirectory) {
    return new LocalHost(dataDirectory, "0.0.0.0", lanAddress());
  }

  /** The links of a room this computer hosts; the host itself joins with {@code adminLink}. */
  public record HostedRoom(String id, String editLink, String viewLink, String adminLink) {
    @Override
    public String toString() {
      return "HostedRoom[" + id + "]";
    }
  }

  /** Creates a room (starting the server first when needed). Blocking: call off the FX thread. */
  public synchronized HostedRoom createRoom() throws Exception {
    startServer();
    RoomCreator.NewRoom room = server.createRoom();
    return hosted(room);
  }

  /**
   * Creates a room whose document starts as {@code document} (Open a file into a new room).
   * Blocking: call off the FX thread.
   *
   * @throws IllegalArgumentException if the document is longer than a room takes
   */
  public synchronized HostedRoom createRoom(dev.tandem.ot.Delta document) throws Exception {
    startServer();
    RoomCreator.NewRoom room = server.createRoom(document);
    return hosted(room);
  }

  private HostedRoom hosted(RoomCreator.NewRoom room) {
    return new HostedRoom(room.id(), server.appLink(linkHost, room.id(), room.editKey()),
        server.appLink(linkHost, room.id(), room.viewKey()),
        server.appLink(linkHost, room.id(), room.adminKey()));
  }

  private void startServer() throws Exception {
    if (server == null) {
      server = RoomServer.start(ServerConfig.builder().bindAddress(bindAddress).port(0)
          .dataDirectory(dataDirectory).build());
    }
  }

  public synchronized RoomServer server() {
    return server;
  }

  static String lanAddress() {
    // The address the OS would use to reach the outside; no packet is sent by a UDP connect.
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

  @Override
  public synchronized void close() {
    if (server != null) {
      server.close();
      server = null;
    }
  }
}
