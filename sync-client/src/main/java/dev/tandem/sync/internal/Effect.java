package dev.tandem.sync.internal;

import dev.tandem.ot.Delta;

/** What a {@link ClientState} transition asks the session to do, in order. */
public sealed interface Effect {

  /** Send an {@code op} frame: {@code delta} made against server revision {@code base}. */
  record SendOp(long base, long seq, Delta delta) implements Effect {}

  /** Apply a remote change, already transformed for the local document, to the editor. */
  record ApplyRemote(Delta change) implements Effect {}

  /** An op is held ({@link ClientState.Holding}): call {@link ClientState#flush()} after the send delay. */
  record Hold() implements Effect {}

  /** The server committed our op {@code seq} as revision {@code rev}; the journal may drop it. */
  record Confirmed(long seq, long rev) implements Effect {}
}
