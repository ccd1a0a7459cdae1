package dev.tandem.server.store.sqlite;

import dev.tandem.ot.Delta;
import dev.tandem.ot.DocumentRuns;
import dev.tandem.protocol.DeltaJson;
import dev.tandem.server.store.ChatRecord;
import dev.tandem.server.store.ClientSeq;
import dev.tandem.server.store.CommitListener;
import dev.tandem.server.store.CommitStats;
import dev.tandem.server.store.KeyHashes;
import dev.tandem.server.store.RoomRecord;
import dev.tandem.server.store.RoomStore;
import dev.tandem.server.store.Snapshot;
import dev.tandem.server.store.StorageFailedException;
import dev.tandem.server.store.StoreException;
import dev.tandem.server.store.StoredOp;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link RoomStore}: one SQLite file, {@value #FILE_NAME}, in a data directory.
 *
 * <p><b>Durability.</b> WAL journal with {@code synchronous=FULL}: a commit has been fsync'd when
 * it returns, so a completed write survives a process crash and a power loss.
 *
 * <p><b>Writes</b> all go through one {@link GroupCommitWriter} thread, which commits everything
 * waiting — from every room — in one transaction with one fsync. {@link #append},
 * {@link #saveSnapshot} and {@link #appendChat} return at once (unless the bounded queue is full);
 * {@link #createRoom} and {@link #replaceKeys} wait for their commit. Futures complete on the
 * writer thread.
 *
 * <p><b>Reads</b> use a {@link ReadConnectionPool} of {@link Options#readConnections} read-only
 * connections; WAL lets them run while the writer commits. A read sees every write whose future
 * has completed.
 *
 * <p><b>One process per file.</b> Opening takes an OS lock on {@value #LOCK_NAME} next to the
 * database; a second store on the same directory (in this or another process) is refused until
 * the first is closed or its process dies.
 */
public final class SqliteRoomStore implements RoomStore {

  public static final String FILE_NAME = "tandem.db";
  public static final String LOCK_NAME = "tandem.db.lock";

  private static final Logger log = LoggerFactory.getLogger(SqliteRoomStore.class);

  /**
   * Tuning.
   *
   * @param readConnections connections shared by readers (≥ 1)
   * @param writeQueueCapacity writes that may wait for the writer before submitters block (≥ 1)
   * @param maxWritesPerTransaction most writes grouped into one transaction (≥ 1)
   * @param listener hears every commit (metrics); called on the writer thread
   */
  public record Options(
      int readConnections,
      int writeQueueCapacity,
      int maxWritesPerTransaction,
      CommitListener listener) {

    public Options {
      if (readConnections < 1 || writeQueueCapacity < 1 || maxWritesPerTransaction < 1) {
        throw new IllegalArgumentException("connections, capacity and batch size must be ≥ 1");
      }
      Objects.requireNonNull(listener, "listener");
    }

    public static Options defaults() {
      return new Options(4, 10_000, 1_000, CommitListener.NONE);
    }

    public Options withListener(CommitListener newListener) {
      return new Options(readConnections, writeQueueCapacity, maxWritesPerTransaction, newListener);
    }
  }

  private final Path file;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final GroupCommitWriter writer;
  private final ReadConnectionPool readers;

  private SqliteRoomStore(Path file, FileChannel lockChannel, FileLock lock,
      GroupCommitWriter writer, ReadConnectionPool readers) {
    this.file = file;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.writer = writer;
    this.readers = readers;
  }

  /** Opens (creating if needed) {@code dataDirectory/tandem.db} with default options. */
  public static SqliteRoomStore open(Path dataDirectory) {
    return open(dataDirectory, Options.defaults());
  }

  /**
   * Opens (creating if needed) {@code dataDirectory/tandem.db}.
   *
   * @throws StorageFailedException if the file cannot be opened, is in use by another store, or
   *     has a newer schema
   */
  public static SqliteRoomStore open(Path dataDirectory, Options options) {
    Path file = dataDirectory.resolve(FILE_NAME);
    FileChannel lockChannel = null;
    List<Connection> opened = new ArrayList<>();
    try {
      Files.createDirectories(dataDirectory);
      lockChannel = FileChannel.open(dataDirectory.resolve(LOCK_NAME),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = tryLock(lockChannel);
      if (lock == null) {
        throw new StorageFailedException(StorageFailedException.Reason.IN_USE, file + " is in use by another store");
      }
      Connection writerConnection = SqliteSchema.openWriter(file);
      opened.add(writerConnection);
      SqliteSchema.createOrCheck(writerConnection);
      for (int i = 0; i < options.readConnections(); i++) {
        opened.add(SqliteSchema.openReader(file));
      }
      ReadConnectionPool readers = new ReadConnectionPool(opened.subList(1, opened.size()));
      GroupCommitWriter writer = new GroupCommitWriter(writerConnection,
          options.writeQueueCapacity(), options.maxWritesPerTransaction(), options.listener(),
          "tandem-sqlite-writer");
      log.info("opened room store {}", file);
      return new SqliteRoomStore(file, lockChannel, lock, writer, readers);
    } catch (IOException | SQLException | RuntimeException e) {
      for (Connection c : opened) {
        closeQuietly(c);
      }
      closeQuietly(lockChannel);
      if (e instanceof StorageFailedException s) {
        throw s;
      }
      throw new StorageFailedException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by another store in this JVM
    }
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  /** Counters of the write path (group commit shows as writes per commit above 1). */
  public CommitStats commitStats() {
    return writer.stats();
  }

  /** Transactions committed since opening. */
  public long commitCount() {
    return writer.stats().commits();
  }

  // ---- room records -------------------------------------------------------------------------

  @Override
  public void createRoom(RoomRecord room) {
    awaitCommit(writer.submit(SqliteWrites.createRoom(room)));
  }

  @Override
  public Optional<RoomRecord> findRoom(String roomId) {
    Objects.requireNonNull(roomId, "roomId");
    return readers.read(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT edit_key_hash, view_key_hash,"
          + " admin_key_hash, created_nanos FROM rooms WHERE id = ?")) {
        s.setString(1, roomId);
        try (ResultSet rs = s.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          KeyHashes keys = new KeyHashes(rs.getString(1), rs.getString(2), rs.getString(3));
          return Optional.of(
              new RoomRecord(roomId, keys, SqliteWrites.fromEpochNanos(rs.getLong(4))));
        }
      }
    });
  }

  @Override
  public void replaceKeys(String roomId, KeyHashes newKeys) {
    Objects.requireNonNull(roomId, "roomId");
    Objects.requireNonNull(newKeys, "newKeys");
    awaitCommit(writer.submit(SqliteWrites.replaceKeys(roomId, newKeys)));
  }

  // ---- ops ----------------------------------------------------------------------------------

  @Override
  public CompletableFuture<Void> append(String roomId, List<StoredOp> ops) {
    Objects.requireNonNull(roomId, "roomId");
    List<StoredOp> batch = List.copyOf(ops);
    if (batch.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    return writer.submit(SqliteWrites.append(roomId, batch));
  }

  @Override
  public List<StoredOp> ops(String roomId, long afterRev, long upToRevInclusive) {
    Objects.requireNonNull(roomId, "roomId");
    if (afterRev < 0 || upToRevInclusive < afterRev) {
      throw new IllegalArgumentException(
          "need 0 ≤ afterRev ≤ upToRevInclusive, got " + afterRev + ", " + upToRevInclusive);
    }
    return readers.read(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT rev, client_id, seq, delta, author,"
          + " time_nanos FROM ops WHERE room = ? AND rev > ? AND rev <= ? ORDER BY rev")) {
        s.setString(1, roomId);
        s.setLong(2, afterRev);
        s.setLong(3, upToRevInclusive);
        List<StoredOp> result = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            result.add(new StoredOp(rs.getLong(1), rs.getString(2), rs.getLong(3),
                DeltaJson.parse(rs.getString(4)), rs.getString(5),
                SqliteWrites.fromEpochNanos(rs.getLong(6))));
          }
        }
        return List.copyOf(result);
      }
    });
  }

  @Override
  public long headRevision(String roomId) {
    Objects.requireNonNull(roomId, "roomId");
    return readers.read(c -> SqliteWrites.head(c, roomId));
  }

  @Override
  public OptionalLong committedRevision(String roomId, String clientId, long seq) {
    Objects.requireNonNull(roomId, "roomId");
    Objects.requireNonNull(clientId, "clientId");
    return readers.read(c -> {
      SqliteWrites.ClientSeq last = lastSeq(c, roomId, clientId);
      return last == null ? OptionalLong.empty() : SqliteWrites.findOp(c, roomId, clientId, seq, last);
    });
  }

  @Override
  public Optional<ClientSeq> lastCommitted(String roomId, String clientId) {
    Objects.requireNonNull(roomId, "roomId");
    Objects.requireNonNull(clientId, "clientId");
    return readers.read(c -> {
      SqliteWrites.ClientSeq last = lastSeq(c, roomId, clientId);
      return last == null ? Optional.empty() : Optional.of(new ClientSeq(last.seq(), last.rev()));
    });
  }

  /** The client's row of {@code client_seqs}, or null. */
  private static SqliteWrites.ClientSeq lastSeq(Connection c, String roomId, String clientId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT seq, rev, ops FROM client_seqs WHERE room = ? AND client_id = ?")) {
      s.setString(1, roomId);
      s.setString(2, clientId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? new SqliteWrites.ClientSeq(rs.getLong(1), rs.getLong(2), rs.getLong(3)) : null;
      }
    }
  }

  // ---- snapshots ----------------------------------------------------------------------------

  @Override
  public CompletableFuture<Void> saveSnapshot(String roomId, long rev, Delta document) {
    Objects.requireNonNull(roomId, "roomId");
    Snapshot snapshot = new Snapshot(rev, document); // validates on the caller's thread
    return writer.submit(
        SqliteWrites.snapshot(roomId, snapshot.rev(), SnapshotCodec.encode(snapshot.document())));
  }

  /** Encodes the compact form directly: no Delta of the document is made (a large one is many objects). */
  @Override
  public CompletableFuture<Void> saveSnapshot(String roomId, long rev, DocumentRuns document) {
    Objects.requireNonNull(roomId, "roomId");
    if (rev < 0) {
      throw new IllegalArgumentException("snapshot rev must be ≥ 0, was " + rev);
    }
    return writer.submit(SqliteWrites.snapshot(roomId, rev, SnapshotCodec.encode(document)));
  }

  @Override
  public Optional<Snapshot> latestSnapshot(String roomId) {
    Objects.requireNonNull(roomId, "roomId");
    return readers.read(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT rev, document FROM snapshots WHERE room = ? ORDER BY rev DESC LIMIT 1")) {
        s.setString(1, roomId);
        try (ResultSet rs = s.executeQuery()) {
          return rs.next()
              ? Optional.of(new Snapshot(rs.getLong(1), decodeSnapshot(roomId, rs.getBytes(2))))
              : Optional.empty();
        }
      }
    });
  }

  private static Delta decodeSnapshot(String roomId, byte[] document) {
    try {
      return SnapshotCodec.decode(document);
    } catch (IllegalArgumentException e) {
      throw new StorageFailedException("the latest snapshot of room " + roomId + " is damaged: "
          + e.getMessage(), e);
    }
  }

  // ---- chat ---------------------------------------------------------------------------------

  @Override
  public CompletableFuture<Void> appendChat(String roomId, ChatRecord message) {
    Objects.requireNonNull(roomId, "roomId");
    Objects.requireNonNull(message, "message");
    return writer.submit(SqliteWrites.chat(roomId, message));
  }

  @Override
  public List<ChatRecord> recentChat(String roomId, int limit) {
    Objects.requireNonNull(roomId, "roomId");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be ≥ 0, was " + limit);
    }
    return readers.read(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT id, client_id, user_name, user_color,"
          + " text, time_nanos FROM chat WHERE room = ? ORDER BY position DESC LIMIT ?")) {
        s.setString(1, roomId);
        s.setInt(2, limit);
        List<ChatRecord> newestFirst = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            newestFirst.add(new ChatRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), SqliteWrites.fromEpochNanos(rs.getLong(6))));
          }
        }
        return List.copyOf(newestFirst.reversed());
      }
    });
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  /** Commits what was submitted, closes the connections, releases the file lock. Idempotent. */
  @Override
  public void close() {
    writer.close();
    readers.close();
    synchronized (this) {
      if (lockChannel.isOpen()) {
        try {
          lock.release();
        } catch (IOException e) {
          log.warn("releasing {} failed", LOCK_NAME, e);
        }
        closeQuietly(lockChannel);
        log.info("closed room store {}", file);
      }
    }
  }

  /** Waits for a synchronous write; rethrows its {@link StoreException} as is. */
  private static void awaitCommit(CompletableFuture<Void> done) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          done.get();
          return;
        } catch (InterruptedException e) {
          interrupted = true; // the write is queued and will complete; wait for its outcome
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          throw new StorageFailedException("write failed: " + e.getCause(), e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      log.warn("closing {} failed", c, e);
    }
  }
}
