package dev.tandem.server.store;

import dev.tandem.ot.Delta;
import java.time.Instant;
import java.util.Objects;

/**
 * One committed operation of a room's history.
 *
 * @param rev the revision this op produced: the room's first op has rev 1, and a room's revs are
 *     1, 2, 3, … with no gaps
 * @param clientId the client that sent it; with {@code seq} it identifies the op for ever
 *     (idempotent resends)
 * @param seq the client's sequence number for this op, never reused by that client
 * @param delta the change, already transformed to apply to the document at {@code rev - 1}
 * @param author the user name shown for the change (may be empty, never null)
 * @param time when the room accepted it (stored with nanosecond precision)
 */
public record StoredOp(long rev, String clientId, long seq, Delta delta, String author, Instant time) {

  public StoredOp {
    if (rev < 1) {
      throw new IllegalArgumentException("rev must be ≥ 1, was " + rev);
    }
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(delta, "delta");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(time, "time");
  }
}
