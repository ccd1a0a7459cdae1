package dev.tandem.server.store.sqlite;

import dev.tandem.server.store.StorageFailedException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed set of read-only connections shared by all reading threads. A connection is lent to one
 * thread for one {@link #read} call and then returned, so each connection is used by one thread at
 * a time; a caller waits while all are lent. (Pooled rather than thread-confined because room
 * threads may be virtual threads: a connection per thread would be a connection per room.)
 *
 * <p>In WAL mode readers never block the writer nor each other. Connections are in auto-commit
 * mode, so every statement sees everything committed before it started.
 */
final class ReadConnectionPool implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ReadConnectionPool.class);

  private final List<Connection> all;
  private final BlockingQueue<Connection> idle;

  /** Readers hold the read lock for the whole {@link #read}; {@link #close} takes the write lock. */
  private final ReadWriteLock closing = new ReentrantReadWriteLock();

  /** Guarded by {@link #closing}. */
  private boolean closed;

  ReadConnectionPool(List<Connection> connections) {
    this.all = List.copyOf(connections);
    this.idle = new ArrayBlockingQueue<>(all.size(), false, all);
  }

  @FunctionalInterface
  interface Read<T> {
    T apply(Connection connection) throws SQLException;
  }

  /** Runs {@code read} on a lent connection. SQL failures become {@link StorageFailedException}. */
  <T> T read(Read<T> read) {
    closing.readLock().lock();
    try {
      if (closed) {
        throw new StorageFailedException("store is closed");
      }
      Connection connection = idle.take();
      try {
        return read.apply(connection);
      } finally {
        idle.add(connection);
      }
    } catch (SQLException e) {
      throw new StorageFailedException("read failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageFailedException("interrupted while waiting for a read connection", e);
    } finally {
      closing.readLock().unlock();
    }
  }

  /** Waits for reads in progress, then closes every connection. Idempotent. */
  @Override
  public void close() {
    closing.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      for (Connection connection : all) {
        try {
          connection.close();
        } catch (SQLException e) {
          log.warn("closing a read connection failed", e);
        }
      }
    } finally {
      closing.writeLock().unlock();
    }
  }
}
