package dev.tandem.server.store.sqlite;

import dev.tandem.server.store.CommitListener;
import dev.tandem.server.store.CommitStats;
import dev.tandem.server.store.StorageFailedException;
import dev.tandem.server.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of a SQLite database, with group commit across rooms.
 *
 * <pre>
 *   room threads ──submit──▶ [ bounded queue ] ──drain all waiting──▶ writer thread
 *                                                  BEGIN
 *                                                    work 1   (checks, then writes; or refuses)
 *                                                    work 2
 *                                                    …
 *                                                  COMMIT  (one fsync: WAL + synchronous=FULL)
 *                                                  complete futures, tell the listener
 * </pre>
 *
 * Everything submitted while a transaction is in flight goes into the next one, so a busy server
 * pays one fsync per transaction, not per op nor per room. A write refused for its own reason
 * (gap, duplicate, unknown room) fails alone: every {@link PendingWrite.Work} checks before it
 * writes, so a refusal has nothing to undo and the transaction goes on. No savepoint per write:
 * with one or two rows per room write, SAVEPOINT and RELEASE were as many statements as the
 * write itself. The writer checks the promise ({@code total_changes} before and after): a write
 * that refuses after changing a row fails the whole transaction, as any other failure does — every
 * write in it fails with {@link StorageFailedException}.
 *
 * <p>Backpressure: {@link #submit} blocks while the queue is full.
 *
 * <p>Futures are completed on the writer thread, after the commit returned.
 */
final class GroupCommitWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);

  /** Marks the end of the queue; only {@link #close} puts it, after the last real write. */
  private static final PendingWrite END = new PendingWrite("end", 0, c -> {});

  /** Owned by the writer thread (after the constructor hands it over). */
  private final Connection connection;

  /** The connection's cached statements and known room heads; owned by the writer thread. */
  private final WriterSession session;

  private final BlockingQueue<PendingWrite> queue;
  private final int maxWritesPerTransaction;
  private final CommitListener listener;
  private final Thread thread;

  /**
   * Submitters hold the read lock while checking {@link #closed} and enqueueing; {@link #close}
   * takes the write lock to set it. So no write can be enqueued after {@link #END}.
   */
  private final ReadWriteLock closing = new ReentrantReadWriteLock();

  /** Guarded by {@link #closing}. */
  private boolean closed;

  /** Written only by the writer thread; read by anyone. */
  private volatile CommitStats stats = CommitStats.ZERO;

  GroupCommitWriter(
      Connection connection,
      int queueCapacity,
      int maxWritesPerTransaction,
      CommitListener listener,
      String threadName) {
    this.connection = connection;
    this.session = new WriterSession(connection);
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.maxWritesPerTransaction = maxWritesPerTransaction;
    this.listener = listener;
    // A daemon: a host that exits without close() must not hang on us. Writes still queued then
    // are lost, but they were never acknowledged, which is all the contract promises.
    this.thread = Thread.ofPlatform().name(threadName).daemon(true).unstarted(this::run);
    this.thread.start();
  }

  /**
   * Queues a write, blocking while the queue is full. Returns the write's future, already failed
   * if the writer is closed or the caller was interrupted while waiting.
   */
  CompletableFuture<Void> submit(PendingWrite write) {
    closing.readLock().lock();
    try {
      if (closed) {
        write.done().completeExceptionally(new StorageFailedException("store is closed"));
      } else {
        queue.put(write);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      write.done().completeExceptionally(
          new StorageFailedException("interrupted while waiting for the write queue", e));
    } finally {
      closing.readLock().unlock();
    }
    return write.done();
  }

  CommitStats stats() {
    return stats;
  }

  /** Lets every queued write finish, then stops the writer thread and closes its connection. */
  @Override
  public void close() {
    closing.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
    } finally {
      closing.writeLock().unlock();
    }
    boolean interrupted = false;
    while (true) {
      try {
        queue.put(END);
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // finish closing anyway: the queued writes' futures must complete
      }
    }
    try {
      session.close();
      connection.close();
    } catch (SQLException e) {
      log.warn("closing the writer connection failed", e);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- writer thread ------------------------------------------------------------------------

  private void run() {
    List<PendingWrite> batch = new ArrayList<>();
    while (true) {
      batch.clear();
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        continue; // only close() stops this thread, by END
      }
      queue.drainTo(batch, maxWritesPerTransaction - 1);
      boolean end = batch.remove(END); // END is last: nothing is enqueued after it
      if (!batch.isEmpty()) {
        commit(batch);
      }
      if (end) {
        return;
      }
    }
  }

  private void commit(List<PendingWrite> batch) {
    long start = System.nanoTime();
    List<PendingWrite> applied = new ArrayList<>(batch.size());
    List<PendingWrite> refused = new ArrayList<>();
    List<StoreException> refusals = new ArrayList<>();
    try {
      for (PendingWrite write : batch) {
        long changesBefore = session.totalChanges();
        try {
          write.work().apply(session);
          applied.add(write);
        } catch (StoreException refusal) {
          if (session.totalChanges() != changesBefore) {
            // Broke PendingWrite's promise: its rows cannot be taken back alone.
            throw new IllegalStateException("write \"" + write.description()
                + "\" refused after changing rows", refusal);
          }
          refused.add(write);
          refusals.add(refusal);
        }
      }
      connection.commit();
      session.committed();
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly();
      session.rolledBack();
      fail(batch, e);
      return;
    }
    long nanos = System.nanoTime() - start;
    int ops = 0;
    for (PendingWrite write : applied) {
      ops += write.ops();
    }
    CommitStats s = stats;
    stats = new CommitStats(
        s.commits() + 1,
        s.failedCommits(),
        s.writes() + batch.size(),
        s.refusedWrites() + refused.size(),
        s.ops() + ops,
        Math.max(s.largestBatch(), batch.size()),
        s.totalCommitNanos() + nanos,
        Math.max(s.maxCommitNanos(), nanos));
    for (PendingWrite write : applied) {
      write.done().complete(null);
    }
    for (int i = 0; i < refused.size(); i++) {
      refused.get(i).done().completeExceptionally(refusals.get(i));
    }
    try {
      listener.committed(batch.size(), ops, nanos);
    } catch (RuntimeException e) {
      log.warn("commit listener failed", e);
    }
  }

  private void fail(List<PendingWrite> batch, Exception cause) {
    log.error("transaction of {} writes failed; failing all of them", batch.size(), cause);
    CommitStats s = stats;
    stats = new CommitStats(s.commits(), s.failedCommits() + 1, s.writes(), s.refusedWrites(),
        s.ops(), s.largestBatch(), s.totalCommitNanos(), s.maxCommitNanos());
    StorageFailedException failure =
        new StorageFailedException("storage transaction failed: " + cause.getMessage(), cause);
    for (PendingWrite write : batch) {
      write.done().completeExceptionally(failure);
    }
    try {
      listener.failed(batch.size(), cause);
    } catch (RuntimeException e) {
      log.warn("commit listener failed", e);
    }
  }

  private void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException e) {
      log.warn("rollback after a failed transaction failed too", e);
    }
  }
}
