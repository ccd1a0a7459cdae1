package dev.tandem.server.store;

/**
 * An append contained an op whose seq is at or below the highest seq its client already committed
 * in the room (earlier, or earlier in the same batch), while that exact (clientId, seq) was never
 * committed. Seqs strictly increase per client (docs/protocol.md §4), so such an op can never be
 * committed. Nothing of the batch was stored. (A seq that was committed is refused with
 * {@link DuplicateOpException} instead, which names its rev.)
 */
public final class SpentSeqException extends StoreException {

  private final String clientId;
  private final long seq;
  private final long lastSeq;

  public SpentSeqException(String roomId, String clientId, long seq, long lastSeq) {
    super("room " + roomId + ": op (clientId=" + clientId + ", seq=" + seq
        + ") is not above the client's last committed seq " + lastSeq);
    this.clientId = clientId;
    this.seq = seq;
    this.lastSeq = lastSeq;
  }

  public String clientId() {
    return clientId;
  }

  public long seq() {
    return seq;
  }

  /** The client's highest seq when the op was refused. */
  public long lastSeq() {
    return lastSeq;
  }
}
