package dev.tandem.sync;

import dev.tandem.protocol.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of a session, reported through {@link SyncListener#onStatus} whenever any field
 * changes — except that while edits stay pending (typing with an op in flight) a change of
 * {@code pendingEdits} alone is reported at most every 50 ms; reaching or leaving zero pending
 * edits is reported at once.
 *
 * @param state lifecycle state
 * @param pendingEdits local edits not yet acknowledged by the server (offline work shows here)
 * @param roundTrip the last op round trip (sent → ack), empty until one was measured
 * @param revision the last server revision this client has applied
 * @param role the role granted by the key, empty until the first welcome
 * @param canUndo there is an own change group to undo
 * @param canRedo there is an undone group to redo
 * @param nextAttempt while {@code RECONNECTING} and waiting out the backoff: when (wall clock) the
 *     next connection attempt starts; empty otherwise, including while an attempt is under way
 *     (a user interface counts down to it: "Reconnecting in 4 s…")
 */
public record SyncStatus(SyncSession.State state, int pendingEdits, Optional<Duration> roundTrip,
    long revision, Optional<Role> role, boolean canUndo, boolean canRedo,
    Optional<Instant> nextAttempt) {

  public SyncStatus {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(roundTrip, "roundTrip");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(nextAttempt, "nextAttempt");
  }

  /** A status with no reconnect scheduled (the form before {@code nextAttempt} existed). */
  public SyncStatus(SyncSession.State state, int pendingEdits, Optional<Duration> roundTrip,
      long revision, Optional<Role> role, boolean canUndo, boolean canRedo) {
    this(state, pendingEdits, roundTrip, revision, role, canUndo, canRedo, Optional.empty());
  }

  /** The status of a session that has not connected yet. */
  public static SyncStatus initial() {
    return new SyncStatus(SyncSession.State.CONNECTING, 0, Optional.empty(), 0, Optional.empty(),
        false, false);
  }
}
