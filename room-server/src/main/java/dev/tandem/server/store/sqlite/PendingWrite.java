package dev.tandem.server.store.sqlite;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;

/**
 * One write waiting for the writer thread: the SQL work, how many ops it appends (for stats) and
 * the future its caller holds. Immutable apart from the future.
 *
 * <p>{@link Work#apply} runs on the writer thread, with the writer's {@link WriterSession} (its
 * connection and cached statements), inside the group transaction, next to other writes and with
 * no savepoint of its own. It refuses by throwing a {@code StoreException}, and only <b>before it
 * has changed any row</b> (check, then write): then the rest of the transaction goes on. A
 * {@link SQLException}, any other exception, or a refusal after a change fails the whole
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
