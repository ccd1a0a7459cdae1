package dev.tandem.server.store;

/**
 * The storage failed (I/O error, database error, or the store was closed). The operation was not
 * acknowledged; the caller rebuilds its state from what the store holds.
 */
public final class StorageFailedException extends StoreException {

  public StorageFailedException(String message) {
    super(message);
  }

  public StorageFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
