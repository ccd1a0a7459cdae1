package dev.tandem.sync.internal;

import dev.tandem.ot.Delta;
import java.util.Objects;

/**
 * A local change sent to the server and not yet acknowledged. {@code seq} identifies it for ever
 * (with the client id): a resend after a reconnect keeps the same seq so the server can recognise
 * a change it already committed. {@code delta} is kept transformed to the state's current revision.
 */
public record PendingOp(long seq, Delta delta) {
  public PendingOp {
    Objects.requireNonNull(delta, "delta");
    if (seq < 1) {
      throw new IllegalArgumentException("seq starts at 1, was " + seq);
    }
  }
}
