package dev.tandem.app.perf;

import dev.tandem.app.host.LocalHost;
import dev.tandem.app.viewmodel.RoomRequest;
import dev.tandem.server.RoomServer;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.room.RoomCreator;
import dev.tandem.sync.RoomLink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The room and the other people for {@link KeystrokeLatencyProbe}, in one of three configurations
 * ({@code -Dtandem.room=…}):
 *
 * <ul>
 *   <li>{@code host} (the default; A): the app hosts the room — the embedded server
 *       ({@link LocalHost}) runs in the app's JVM, as when a person creates a room in
 *       {@code ./tandem} — and the typists are a separate process ({@link RemoteRoom}).
 *   <li>{@code server} (B): the app joins a room on a server in a separate process, which also
 *       runs the typists.
 *   <li>{@code inprocess}: server and typists in the app's JVM (the probe as it was before Dec 5,
 *       kept for comparison with the figures measured that way).
 * </ul>
 *
 * A separate process still shares the machine's cores with the app: that load is part of what is
 * measured, as it would be with the server on the same computer.
 */
final class Others implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
  /** Extra JVM options of the remote process ({@code -Dtandem.remoteJvm="-Xmx1g …"}). */
  private static final String REMOTE_JVM = System.getProperty("tandem.remoteJvm", "");
  static final int TYPISTS = Integer.getInteger("tandem.typists", 5);

  private final String mode;
  private final LocalHost host;
  private final RoomRequest request;
  private final RoomServer inProcessServer;
  private final RemoteRoom inProcessRoom;
  private final RemoteRoomProcess process;
  private long cpuMark;
  private long processCpuMark;
  private MachineCpu machineMark;

  private Others(String mode, LocalHost host, RoomRequest request, RoomServer inProcessServer,
      RemoteRoom inProcessRoom, RemoteRoomProcess process) {
    this.mode = mode;
    this.host = host;
    this.request = request;
    this.inProcessServer = inProcessServer;
    this.inProcessRoom = inProcessRoom;
    this.process = process;
  }

  static Others start(String mode, Path dir) throws Exception {
    List<String> jvm = REMOTE_JVM.isBlank() ? List.of() : List.of(REMOTE_JVM.strip().split("\\s+"));
    Path log = Path.of("target", "remote-room.log");
    String typists = String.valueOf(TYPISTS);
    switch (mode) {
      case "host" -> {
        LocalHost host = new LocalHost(dir.resolve("host"), "127.0.0.1", "127.0.0.1");
        LocalHost.HostedRoom room = host.createRoom();
        RemoteRoomProcess p = RemoteRoomProcess.start(log, jvm, "join", room.editLink(), typists);
        p.awaitLine("READY", READY_TIMEOUT);
        RoomRequest request = new RoomRequest(RoomLink.parse(room.adminLink()), room.editLink(), room.viewLink(), true);
        return new Others(mode, host, request, null, null, p);
      }
      case "server" -> {
        RemoteRoomProcess p = RemoteRoomProcess.start(log, jvm, "server", typists);
        String link = p.awaitLine("ROOM ", READY_TIMEOUT);
        p.awaitLine("READY", READY_TIMEOUT);
        return new Others(mode, unusedHost(dir), new RoomRequest(RoomLink.parse(link), link, null, false), null, null, p);
      }
      case "inprocess" -> {
        RoomServer server = RoomServer.start(ServerConfig.builder().bindAddress("127.0.0.1").port(0)
            .dataDirectory(dir.resolve("server")).build());
        RoomCreator.NewRoom room = server.createRoom();
        RoomLink link = RoomLink.of("127.0.0.1", server.port(), room.id(), room.editKey());
        RemoteRoom others = new RemoteRoom(link, TYPISTS);
        others.seed();
        return new Others(mode, unusedHost(dir), new RoomRequest(link, null, null, false), server, others, null);
      }
      default -> throw new IllegalArgumentException("tandem.room must be host, server or inprocess, not " + mode);
    }
  }

  private static LocalHost unusedHost(Path dir) {
    return new LocalHost(dir.resolve("unused"), "127.0.0.1", "127.0.0.1");
  }

  /** The app's local host (started only in {@code host} mode). */
  LocalHost host() {
    return host;
  }

  /** What the app opens. */
  RoomRequest request() {
    return request;
  }

  void startTyping() throws Exception {
    if (process != null) {
      process.send("TYPE");
    } else {
      inProcessRoom.startTyping();
    }
  }

  /** Notes the CPU time used so far by this JVM and by the remote process. */
  void markCpu() {
    cpuMark = cpuNanos(ProcessHandle.current());
    processCpuMark = process == null ? 0 : cpuNanos(ProcessHandle.of(process.pid()).orElseThrow());
    machineMark = MachineCpu.now();
  }

  /** CPU used since {@link #markCpu}, in cores (1.0 = one core all the time), per process. */
  String cpuShares(double seconds) {
    double app = (cpuNanos(ProcessHandle.current()) - cpuMark) / 1e9 / seconds;
    String line = String.format("room: %s, %d typists; CPU over the measured period: app JVM %.2f cores", mode, TYPISTS, app);
    if (process != null) {
      double other = (cpuNanos(ProcessHandle.of(process.pid()).orElseThrow()) - processCpuMark) / 1e9 / seconds;
      line += String.format(", remote process (%s) %.2f cores", mode.equals("host") ? "typists" : "server + typists", other);
    }
    return line + String.format("%n") + MachineCpu.since(machineMark);
  }

  private static long cpuNanos(ProcessHandle p) {
    return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  @Override
  public void close() throws Exception {
    if (process != null) {
      process.close();
    }
    if (inProcessRoom != null) {
      inProcessRoom.close();
    }
    if (inProcessServer != null) {
      inProcessServer.close();
    }
    host.close();
  }
}
