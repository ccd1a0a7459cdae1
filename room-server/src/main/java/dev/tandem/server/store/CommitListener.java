package dev.tandem.server.store;

/**
 * Hears about each storage transaction, for metrics (the server's Micrometer layer implements it;
 * this package does not depend on Micrometer). Methods have empty defaults.
 *
 * <p>Called on the store's writer thread after the transaction's futures were completed. Keep
 * implementations short and non-blocking: the next transaction waits for them.
 */
public interface CommitListener {

  CommitListener NONE = new CommitListener() {};

  /**
   * A transaction committed.
   *
   * @param writes writes (appends, snapshots, chat, room changes) that were in it, refused ones
   *     included
   * @param ops ops appended by its successful appends
   * @param nanos from the start of the transaction to the end of its commit (fsync included)
   */
  default void committed(int writes, int ops, long nanos) {}

  /** A transaction failed as a whole; all its writes failed with {@link StorageFailedException}. */
  default void failed(int writes, Exception cause) {}
}
