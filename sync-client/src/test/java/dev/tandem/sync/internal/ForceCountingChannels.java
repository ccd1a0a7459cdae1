package dev.tandem.sync.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The journal's files as {@link Journal.Channels}: real files opened with {@link FileChannel#open},
 * each wrapped in a decorator that counts its forces, remembers how much of the journal file was
 * on disk after the last force that completed (what a power cut would leave of it), and can hold
 * the next force (the moment after a batch was appended and before it is forced).
 *
 * <p>Threads: forces run on the session's engine thread; the test thread reads the counters and
 * arms or releases the hold.
 */
final class ForceCountingChannels implements Journal.Channels {
  private final AtomicInteger forces = new AtomicInteger();
  /** Bytes of the journal file forced to disk (the append channel last opened for it). */
  private volatile long durableLength;
  private volatile Path journalFile;
  private volatile CountDownLatch holdEntered;
  private volatile CountDownLatch holdRelease;
  private volatile boolean failing;

  @Override
  public FileChannel open(Path file, OpenOption... options) throws IOException {
    FileChannel real = FileChannel.open(file, options);
    if (Arrays.asList(options).contains(StandardOpenOption.APPEND)) {
      // The journal after a rewrite: the snapshot in it was forced (to the temporary file) before
      // the rename, so all of it is durable.
      journalFile = file;
      durableLength = real.size();
      return new Counting(real, true);
    }
    return new Counting(real, false);
  }

  /** Forces of every journal file so far (appends, snapshots, the directory). */
  int forces() {
    return forces.get();
  }

  /** From now on every force of the journal file fails, as on a disk that went bad. */
  void failForces() {
    failing = true;
  }

  /** The next force of the journal file waits, before forcing, until {@link #releaseHold}. */
  void holdNextForce() {
    holdRelease = new CountDownLatch(1);
    holdEntered = new CountDownLatch(1);
  }

  /** Waits until the held force was reached (the batch is appended, not yet forced). */
  boolean awaitHeld(long seconds) throws InterruptedException {
    return holdEntered.await(seconds, TimeUnit.SECONDS);
  }

  /**
   * Lets the held force go on and holds the next one instead, in one step (releasing first would
   * race with the next force).
   */
  void releaseHoldAndHoldNext() {
    CountDownLatch release = holdRelease;
    holdNextForce();
    if (release != null) {
      release.countDown();
    }
  }

  void releaseHold() {
    CountDownLatch release = holdRelease;
    if (release != null) {
      release.countDown();
    }
  }

  /**
   * The journal as a power cut now would leave it: the part forced to disk, plus the first
   * {@code tornBytes} of what was written after (a partial write-back of the page cache).
   */
  byte[] crashImage(int tornBytes) throws IOException {
    byte[] all = Files.readAllBytes(journalFile);
    return Arrays.copyOf(all, (int) Math.min(all.length, durableLength + tornBytes));
  }

  Path journalFile() {
    return journalFile;
  }

  private final class Counting extends FileChannel {
    private final FileChannel real;
    private final boolean journal;

    Counting(FileChannel real, boolean journal) {
      this.real = real;
      this.journal = journal;
    }

    @Override
    public void force(boolean metaData) throws IOException {
      if (journal && failing) {
        throw new IOException("the disk failed (test)");
      }
      // The latch to wait on is read before announcing the hold: once announced, the test may
      // arm the next hold (releaseHoldAndHoldNext), and this force must not wait on that one.
      // holdNextForce writes holdRelease before holdEntered, so a new holdEntered comes with its
      // own holdRelease.
      CountDownLatch entered = holdEntered;
      CountDownLatch release = holdRelease;
      if (journal && entered != null && entered.getCount() > 0) {
        entered.countDown();
        try {
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      long length = journal ? real.size() : 0;
      real.force(metaData);
      forces.incrementAndGet();
      if (journal) {
        durableLength = length;
      }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return real.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return real.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      return real.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      return real.write(srcs, offset, length);
    }

    @Override
    public long position() throws IOException {
      return real.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      real.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return real.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      real.truncate(size);
      return this;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
      return real.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
      return real.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return real.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      return real.write(src, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      return real.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return real.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return real.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      real.close();
    }
  }

  /** The edit records of a journal image, in order (a damaged tail is left out, as a restore would). */
  static List<JournalRecord.Edit> edits(byte[] image, Path scratch, String roomId) {
    try {
      Path dir = Files.createTempDirectory(scratch, "image-");
      Files.write(dir.resolve(roomId + ".journal"), image);
      try (Journal j = Journal.open(dir, roomId)) {
        return j.read().records().stream().filter(JournalRecord.Edit.class::isInstance)
            .map(JournalRecord.Edit.class::cast).toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
