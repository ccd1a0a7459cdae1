package dev.tandem.server.store;

/**
 * The op a client committed with its highest seq in a room, and the rev it got: what a Room needs
 * to tell a resend (same seq: ack again), a new op (higher seq) and a seq the client may no
 * longer use (lower and never committed: rejected) apart, even after it dropped its memory.
 *
 * @param seq the client's highest committed seq (seqs start at 1)
 * @param rev the revision that op was committed at
 */
public record ClientSeq(long seq, long rev) {

  public ClientSeq {
    if (seq < 1 || rev < 1) {
      throw new IllegalArgumentException("seq and rev must be ≥ 1, were " + seq + ", " + rev);
    }
  }
}
