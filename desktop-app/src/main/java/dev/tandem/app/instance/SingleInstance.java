package dev.tandem.app.instance;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * Decides at start-up whether this process is the user's Tandem instance or should hand its
 * request to the one already running.
 *
 * <p>Invariant: the process holding the lock on {@code instance.lock} in the instance directory
 * is the only one listening on {@code instance.sock} next to it. The lock (not the socket file)
 * decides who is primary, because a socket file outlives a killed process while a file lock does
 * not; so a stale socket is replaced only by the lock's new holder, and two processes starting at
 * the same moment cannot both become primary.
 *
 * <p>The directory is created owner-only (0700): links carry capability keys and only the same
 * user may ask the running instance to open one.
 */
public final class SingleInstance {
  static final String LOCK_FILE = "instance.lock";
  static final String SOCKET_FILE = "instance.sock";
  /** How long a second process keeps trying to reach a primary that holds the lock but is still binding. */
  private static final Duration CONNECT_PATIENCE = Duration.ofSeconds(5);

  private SingleInstance() {}

  /** The outcome of {@link #claim}. */
  public sealed interface Claim permits Primary, HandedOff, Unavailable {}

  /** Another instance took the request; this process should exit. */
  public record HandedOff() implements Claim {}

  /**
   * No single-instance channel here (unsupported platform, unusable directory, a running instance
   * that does not answer); this process should run on its own. The reason is for the log.
   */
  public record Unavailable(String reason) implements Claim {}

  /**
   * The instance directory: {@code $TANDEM_INSTANCE_DIR} when set (tests), else
   * {@code $XDG_RUNTIME_DIR/tandem}, else {@code <tmp>/tandem-<user>}. Kept short: Unix socket
   * paths are limited to about 100 bytes.
   */
  public static Path defaultDirectory() {
    String override = System.getenv("TANDEM_INSTANCE_DIR");
    if (override != null && !override.isBlank()) {
      return Path.of(override);
    }
    String runtime = System.getenv("XDG_RUNTIME_DIR");
    if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))) {
      return Path.of(runtime, "tandem");
    }
    return Path.of(System.getProperty("java.io.tmpdir"), "tandem-" + System.getProperty("user.name"));
  }

  /**
   * Becomes the primary instance, or hands {@code request} to the running one. A primary starts
   * listening at once; requests that arrive before the application calls
   * {@link Primary#deliverTo} wait for it.
   */
  public static Claim claim(Path directory, OpenRequest request) {
    try {
      createPrivateDirectory(directory);
    } catch (IOException | UnsupportedOperationException e) {
      return new Unavailable("cannot use " + directory + ": " + e.getMessage());
    }
    FileChannel lockChannel = null;
    try {
      lockChannel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = tryLock(lockChannel);
      if (lock != null) {
        return Primary.listen(directory.resolve(SOCKET_FILE), lockChannel);
      }
      lockChannel.close();
      return handOff(directory.resolve(SOCKET_FILE), request);
    } catch (IOException e) {
      closeQuietly(lockChannel);
      return new Unavailable("single-instance channel failed: " + e.getMessage());
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // this JVM already is the primary (tests run several "processes" in one JVM)
    }
  }

  /** Sends the request to the primary and waits for its answer. */
  static Claim handOff(Path socket, OpenRequest request) {
    long deadline = System.nanoTime() + CONNECT_PATIENCE.toNanos();
    IOException last = null;
    while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
      try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
        channel.connect(UnixDomainSocketAddress.of(socket));
        writeLine(channel, request.toLine());
        String answer = Lines.read(channel, OpenRequest.MAX_LINE_BYTES);
        if (answer.equals("ok")) {
          return new HandedOff();
        }
        return new Unavailable("the running Tandem refused the link: " + answer);
      } catch (IOException e) {
        last = e; // the primary holds the lock but may not be listening yet
        pause(50);
      }
    }
    return new Unavailable("the running Tandem does not answer (" + (last == null ? "timeout" : last.getMessage()) + ")");
  }

  static void writeLine(SocketChannel channel, String line) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }

  private static void createPrivateDirectory(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      Files.createDirectories(directory);
    }
    if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
    }
  }

  /** Sleeps; an interrupt ends it early and stays set for the caller's loop to see. */
  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing on a failure path: the first failure is the one reported
      }
    }
  }
}
