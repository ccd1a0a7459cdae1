package dev.tandem.app.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The single-instance channel over a real Unix domain socket in a temporary directory. */
class SingleInstanceTest {
  private static final String LINK = "tandem://127.0.0.1:7070/ABCDEFGHIJKLMNOPQRSTUVWXYZ?key=ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  @TempDir Path dir;
  private final BlockingQueue<OpenRequest> received = new LinkedBlockingQueue<>();

  @Test
  void theFirstClaimIsPrimaryAndALaterOneHandsItsLinkOver() throws Exception {
    try (Primary primary = primary()) {
      primary.deliverTo(received::add);

      assertThat(SingleInstance.claim(dir, OpenRequest.of(LINK))).isInstanceOf(SingleInstance.HandedOff.class);
      assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(new OpenRequest(Optional.of(LINK)));

      assertThat(SingleInstance.claim(dir, OpenRequest.of(null))).isInstanceOf(SingleInstance.HandedOff.class);
      assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(new OpenRequest(Optional.empty()));
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
  }

  @Test
  void requestsArrivingBeforeTheAppIsReadyAreKeptInOrder() throws Exception {
    try (Primary primary = primary()) {
      assertThat(SingleInstance.claim(dir, OpenRequest.of(LINK + "1"))).isInstanceOf(SingleInstance.HandedOff.class);
      assertThat(SingleInstance.claim(dir, OpenRequest.of(LINK + "2"))).isInstanceOf(SingleInstance.HandedOff.class);
      primary.deliverTo(received::add);
      assertThat(received).extracting(r -> r.link().orElseThrow()).containsExactly(LINK + "1", LINK + "2");
    }
  }

  @Test
  void aSocketFileLeftByAKilledInstanceIsReplaced() throws Exception {
    // A closed listener leaves its socket file behind, as a process killed with kill -9 does.
    try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      dead.bind(UnixDomainSocketAddress.of(dir.resolve(SingleInstance.SOCKET_FILE)));
    }
    assertThat(dir.resolve(SingleInstance.SOCKET_FILE)).exists();

    try (Primary primary = primary()) {
      primary.deliverTo(received::add);
      assertThat(SingleInstance.claim(dir, OpenRequest.of(LINK))).isInstanceOf(SingleInstance.HandedOff.class);
      assertThat(received.poll(10, TimeUnit.SECONDS)).isNotNull();
    }
  }

  @Test
  void closingReleasesTheInstanceForTheNextStart() throws Exception {
    primary().close();
    assertThat(dir.resolve(SingleInstance.SOCKET_FILE)).doesNotExist();
    try (Primary again = primary()) {
      assertThat(again).isNotNull();
    }
  }

  @Test
  void malformedRequestsAreRefusedAndTheInstanceKeepsServing() throws Exception {
    try (Primary primary = primary()) {
      primary.deliverTo(received::add);

      assertThat(exchange("hello\n".getBytes(StandardCharsets.UTF_8))).startsWith("error ").contains("not a Tandem open request");
      assertThat(exchange("tandem-open 9 x\n".getBytes(StandardCharsets.UTF_8))).startsWith("error ").contains("version");
      assertThat(exchange(("tandem-open 1 " + "x".repeat(OpenRequest.MAX_LINE_BYTES) + "\n").getBytes(StandardCharsets.UTF_8)))
          .startsWith("error ").contains("longer than");
      assertThat(exchange(new byte[] {'t', (byte) 0xC3, (byte) 0x28, '\n'})).startsWith("error ").contains("UTF-8");
      assertThat(exchange("tandem-open 1 a\u0007b\n".getBytes(StandardCharsets.UTF_8))).startsWith("error ").contains("control");
      // A peer that connects and says nothing holds up no one.
      try (SocketChannel silent = connect()) {
        assertThat(SingleInstance.claim(dir, OpenRequest.of(LINK))).isInstanceOf(SingleInstance.HandedOff.class);
      }
      assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(OpenRequest.of(LINK));
      assertThat(received).isEmpty();
    }
  }

  @Test
  void aLockHolderThatNeverListensLeavesTheNewProcessOnItsOwn() throws Exception {
    Files.createDirectories(dir);
    try (FileChannel channel = FileChannel.open(dir.resolve(SingleInstance.LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
         FileLock lock = channel.lock()) {
      SingleInstance.Claim claim = SingleInstance.claim(dir, OpenRequest.of(LINK));
      assertThat(claim).isInstanceOfSatisfying(SingleInstance.Unavailable.class,
          u -> assertThat(u.reason()).contains("does not answer"));
    }
  }

  @Test
  @Timeout(120) // a hang guard only: the claim gives up after its patience (5 s)
  void aHungInstanceCannotHangALaterStart() throws Exception {
    // The lock is held (by this JVM) and something accepts on the socket but never answers.
    try (FileChannel channel = FileChannel.open(dir.resolve(SingleInstance.LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
         FileLock lock = channel.lock();
         ServerSocketChannel hung = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      hung.bind(UnixDomainSocketAddress.of(dir.resolve(SingleInstance.SOCKET_FILE)));
      SingleInstance.Claim claim = SingleInstance.claim(dir, OpenRequest.of(LINK));
      assertThat(claim).isInstanceOfSatisfying(SingleInstance.Unavailable.class,
          u -> assertThat(u.reason()).contains("does not answer"));
    }
  }

  @Test
  void aStartWaitingForAnExitingInstanceTakesOverWhenTheLockIsFreed() throws Exception {
    FileChannel channel = FileChannel.open(dir.resolve(SingleInstance.LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock = channel.lock();
    Thread exiting = Thread.ofVirtual().start(() -> {
      SingleInstance.pause(300);
      SingleInstance.closeQuietly(lock);
      SingleInstance.closeQuietly(channel);
    });
    SingleInstance.Claim claim = SingleInstance.claim(dir, OpenRequest.of(LINK));
    exiting.join();
    assertThat(claim).isInstanceOf(Primary.class);
    ((Primary) claim).close();
  }

  @Test
  void aDirectoryThatIsASymbolicLinkIsNotUsed() throws Exception {
    Path real = Files.createDirectory(dir.resolve("real"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    assertThat(SingleInstance.claim(link, OpenRequest.of(LINK))).isInstanceOfSatisfying(SingleInstance.Unavailable.class,
        u -> assertThat(u.reason()).contains("symbolic link"));
    assertThat(real.resolve(SingleInstance.LOCK_FILE)).doesNotExist();
  }

  private Primary primary() {
    SingleInstance.Claim claim = SingleInstance.claim(dir, OpenRequest.of(null));
    assertThat(claim).isInstanceOf(Primary.class);
    return (Primary) claim;
  }

  private SocketChannel connect() throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    channel.connect(UnixDomainSocketAddress.of(dir.resolve(SingleInstance.SOCKET_FILE)));
    return channel;
  }

  private String exchange(byte[] request) throws IOException {
    try (SocketChannel channel = connect()) {
      ByteBuffer bytes = ByteBuffer.wrap(request);
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      return Lines.read(channel, 4096);
    }
  }
}
