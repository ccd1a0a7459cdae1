package dev.tandem.server.store;

/**
 * The storage failed (I/O error, database error, or the store was closed). The operation was not
 * acknowledged; the caller rebuilds its state from what the store holds.
 */
public final class StorageFailedException extends StoreException {

  /** What a caller may tell a person: most failures are {@link #OTHER}. */
  public enum Reason {
    /** Opening: another store (this process or another) has the data directory. */
    IN_USE,
    /** Opening: the database was written by a newer version with a layout this one does not know. */
    NEWER_SCHEMA,
    OTHER
  }

  private final Reason reason;

  public StorageFailedException(String message) {
    this(Reason.OTHER, message);
  }

  public StorageFailedException(String message, Throwable cause) {
    super(message, cause);
    this.reason = Reason.OTHER;
  }

  public StorageFailedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
