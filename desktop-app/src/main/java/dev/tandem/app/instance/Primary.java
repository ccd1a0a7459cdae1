package dev.tandem.app.instance;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * This process is the user's Tandem instance: it holds the instance lock and answers open
 * requests from later starts on the instance socket.
 *
 * <p>Threads: one platform daemon thread ({@code tandem-instance}) accepts connections; each
 * connection is served on its own virtual thread, so a peer that connects and says nothing delays
 * no one else. Requests go to the sink given to {@link #deliverTo} (the application hops to the
 * FX thread there); until then they are buffered, guarded by {@code this}.
 */
public final class Primary implements SingleInstance.Claim, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Primary.class.getName());

  private final Path socket;
  private final FileChannel lock;
  private final ServerSocketChannel server;
  private final List<OpenRequest> early = new ArrayList<>();
  private Consumer<OpenRequest> sink;

  private Primary(Path socket, FileChannel lock, ServerSocketChannel server) {
    this.socket = socket;
    this.lock = lock;
    this.server = server;
  }

  /** Binds the socket; the caller holds the lock, so a leftover socket file is stale. */
  static Primary listen(Path socket, FileChannel lock) throws IOException {
    Files.deleteIfExists(socket);
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      server.bind(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      server.close();
      throw e;
    }
    Primary primary = new Primary(socket, lock, server);
    Thread accept = new Thread(primary::acceptLoop, "tandem-instance");
    accept.setDaemon(true);
    accept.start();
    return primary;
  }

  /** Where requests go from now on, starting with any that arrived before this call. */
  public void deliverTo(Consumer<OpenRequest> sink) {
    List<OpenRequest> waiting;
    synchronized (this) {
      this.sink = sink;
      waiting = List.copyOf(early);
      early.clear();
    }
    waiting.forEach(sink);
  }

  private void acceptLoop() {
    while (server.isOpen()) {
      try {
        SocketChannel peer = server.accept();
        Thread.ofVirtual().name("tandem-instance-peer").start(() -> serve(peer));
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "instance socket: accept failed", e);
        SingleInstance.pause(100); // e.g. out of file descriptors: don't spin
      }
    }
  }

  /**
   * One request per connection; a malformed one is answered with the reason and changes nothing.
   * A peer gets {@link SingleInstance#PATIENCE} to send its line: then the connection is closed,
   * so a silent peer holds no thread or descriptor for long.
   */
  private void serve(SocketChannel peer) {
    Thread watchdog = Thread.ofVirtual().start(() -> {
      SingleInstance.pause(SingleInstance.PATIENCE.toMillis());
      SingleInstance.closeQuietly(peer);
    });
    try (peer) {
      OpenRequest request;
      try {
        request = OpenRequest.parse(Lines.read(peer, OpenRequest.MAX_LINE_BYTES));
      } catch (IllegalArgumentException | IOException e) {
        SingleInstance.writeLine(peer, "error " + e.getMessage());
        return;
      }
      try {
        deliver(request);
      } catch (RuntimeException e) {
        SingleInstance.writeLine(peer, "error the running Tandem could not open it");
        LOG.log(System.Logger.Level.WARNING, "instance socket: delivering a request failed", e);
        return;
      }
      SingleInstance.writeLine(peer, "ok");
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "instance socket: a peer went away", e);
    } finally {
      watchdog.interrupt();
    }
  }

  private void deliver(OpenRequest request) {
    Consumer<OpenRequest> target;
    synchronized (this) {
      target = sink;
      if (target == null) {
        early.add(request);
        return;
      }
    }
    target.accept(request);
  }

  /** Stops listening, removes the socket file and releases the lock (in that order). */
  @Override
  public void close() {
    SingleInstance.closeQuietly(server);
    try {
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "instance socket: could not remove " + socket, e);
    }
    SingleInstance.closeQuietly(lock);
  }
}
