package dev.tandem.server.store;

/**
 * An append contained an op whose (clientId, seq) the room already has — committed earlier or
 * earlier in the same batch. Nothing of the batch was stored. A resend should have been answered
 * through {@link RoomStore#committedRevision} instead of being committed again.
 */
public final class DuplicateOpException extends StoreException {

  private final String roomId;
  private final String clientId;
  private final long seq;
  private final long committedRev;

  public DuplicateOpException(String roomId, String clientId, long seq, long committedRev) {
    super("room " + roomId + ": op (clientId=" + clientId + ", seq=" + seq
        + ") already committed at rev " + committedRev);
    this.roomId = roomId;
    this.clientId = clientId;
    this.seq = seq;
    this.committedRev = committedRev;
  }

  public String roomId() {
    return roomId;
  }

  public String clientId() {
    return clientId;
  }

  public long seq() {
    return seq;
  }

  /** The rev the earlier op with the same (clientId, seq) has. */
  public long committedRev() {
    return committedRev;
  }
}
