package dev.tandem.server.store.sqlite;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;

/**
 * One write waiting for the writer thread: the SQL work, how many ops it appends (for stats) and
 * the future its caller holds. Immutable apart from the future.
 *
 * <p>{@link Work#apply} runs on the writer thread, with the writer's {@link WriterSession} (its
 * connection and cached statements), inside the group transaction, within a savepoint
 * of its own. It refuses by throwing a {@code StoreException} (the savepoint is rolled back, the
 * rest of the transaction goes on); a {@link SQLException} or any other exception fails the whole
 * transaction.
 */
record PendingWrite(String description, int ops, Work work, CompletableFuture<Void> done) {

  PendingWrite(String description, int ops, Work work) {
    this(description, ops, work, new CompletableFuture<>());
  }

  @FunctionalInterface
  interface Work {
    void apply(WriterSession session) throws SQLException;
  }
}
