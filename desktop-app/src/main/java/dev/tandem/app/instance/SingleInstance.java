package dev.tandem.app.instance;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
  /** How long a later start keeps trying to reach the lock holder (starting, exiting or slow). */
  static final Duration PATIENCE = Duration.ofSeconds(5);

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
   *
   * <p>While the lock is held elsewhere but its holder does not accept connections yet (starting)
   * or any more (exiting), this retries for {@link #PATIENCE}, taking the lock itself as soon as
   * it is free. Once connected it sends the request exactly once: a failure after that is final,
   * so a request is never delivered twice. The whole exchange is bounded by the same patience, so
   * a hung instance cannot hang later starts.
   */
  public static Claim claim(Path directory, OpenRequest request) {
    try {
      createPrivateDirectory(directory);
    } catch (IOException | UnsupportedOperationException e) {
      return new Unavailable("cannot use " + directory + ": " + e.getMessage());
    }
    Path socket = directory.resolve(SOCKET_FILE);
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    String lastProblem = "no answer";
    try {
      while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
        Primary primary = tryToBecomePrimary(directory.resolve(LOCK_FILE), socket);
        if (primary != null) {
          return primary;
        }
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
          channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
          closeQuietly(channel);
          lastProblem = e.getMessage();
          pause(50);
          continue;
        }
        return exchange(channel, request, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())).plusSeconds(1));
      }
    } catch (IOException | UnsupportedOperationException e) {
      return new Unavailable("single-instance channel failed: " + e.getMessage());
    }
    return new Unavailable("the running Tandem does not answer (" + lastProblem + ")");
  }

  /** The primary, when the lock is free; null when another process (or this JVM) holds it. */
  private static Primary tryToBecomePrimary(Path lockFile, Path socket) throws IOException {
    FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      if (tryLock(lockChannel) == null) {
        lockChannel.close();
        return null;
      }
      return Primary.listen(socket, lockChannel);
    } catch (IOException | RuntimeException e) {
      closeQuietly(lockChannel);
      throw e;
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // this JVM already is the primary (tests run several "processes" in one JVM)
    }
  }

  /**
   * One request, one answer, within {@code patience}: the blocking exchange runs on a virtual
   * thread and the channel is closed if it takes longer, which ends the blocked read.
   */
  private static Claim exchange(SocketChannel channel, OpenRequest request, Duration patience) {
    CompletableFuture<String> answer = new CompletableFuture<>();
    Thread.ofVirtual().name("tandem-instance-handoff").start(() -> {
      try {
        writeLine(channel, request.toLine());
        answer.complete(Lines.read(channel, OpenRequest.MAX_LINE_BYTES));
      } catch (IOException e) {
        answer.completeExceptionally(e);
      }
    });
    try {
      String reply = answer.get(patience.toMillis(), TimeUnit.MILLISECONDS);
      return reply.equals("ok") ? new HandedOff() : new Unavailable("the running Tandem refused the link: " + reply);
    } catch (TimeoutException e) {
      return new Unavailable("the running Tandem does not answer");
    } catch (ExecutionException e) {
      return new Unavailable("the running Tandem went away: " + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Unavailable("interrupted");
    } finally {
      closeQuietly(channel);
    }
  }

  static void writeLine(SocketChannel channel, String line) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }

  /**
   * The directory, created owner-only if missing; refused if it is a symbolic link or belongs to
   * someone else (in a shared /tmp another user could have made it first).
   */
  private static void createPrivateDirectory(Path directory) throws IOException {
    boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
      if (directory.getParent() != null) {
        Files.createDirectories(directory.getParent());
      }
      try {
        if (posix) {
          Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
          Files.createDirectory(directory);
        }
      } catch (FileAlreadyExistsException raced) {
        // another start made it a moment ago: checked below like any existing directory
      }
    }
    if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("not a directory (or a symbolic link)");
    }
    if (posix) {
      UserPrincipal me = directory.getFileSystem().getUserPrincipalLookupService()
          .lookupPrincipalByName(System.getProperty("user.name"));
      if (!Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS).equals(me)) {
        throw new IOException("it belongs to another user");
      }
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
