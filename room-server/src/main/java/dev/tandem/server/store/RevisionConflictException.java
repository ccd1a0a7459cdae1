package dev.tandem.server.store;

/**
 * An append did not continue the room's history: its first op's rev was not {@code head + 1}, or
 * its ops' revs were not consecutive. Nothing of the batch was stored.
 */
public final class RevisionConflictException extends StoreException {

  private final String roomId;
  private final long expectedRev;
  private final long actualRev;

  public RevisionConflictException(String roomId, long expectedRev, long actualRev) {
    super("room " + roomId + ": expected rev " + expectedRev + " but got rev " + actualRev
        + (actualRev < expectedRev ? " (duplicate rev)" : " (gap)"));
    this.roomId = roomId;
    this.expectedRev = expectedRev;
    this.actualRev = actualRev;
  }

  public String roomId() {
    return roomId;
  }

  /** The rev the store would have accepted at that position. */
  public long expectedRev() {
    return expectedRev;
  }

  /** The rev the batch had at that position. */
  public long actualRev() {
    return actualRev;
  }
}
