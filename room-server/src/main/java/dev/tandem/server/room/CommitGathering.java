package dev.tandem.server.room;

import dev.tandem.server.store.StoredOp;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a room's next storage write should wait a moment for ops that are probably on their way
 * (like PostgreSQL's {@code commit_delay} with {@code commit_siblings}, but adaptive): the logic
 * only, without clocks or threads; {@link CommitPipeline} applies it and bounds the wait with a
 * timer.
 *
 * <p>Why: a client that types as fast as its acks allow sends its next op right after the ack.
 * When a write completes, the authors of its ops are acked at once; with the writer started again
 * at that moment, their replies land in the write after next, and the clients split into two
 * half-groups whose writes alternate (each write carrying ~a third of the typists, and each client
 * reading one broadcast frame per write). Holding the next write until most of those just acked
 * have replied merges the halves: fewer, larger writes and fewer frames per op.
 *
 * <p>The rule, decided when the writer becomes free ({@link #shouldHold}): hold when at least
 * {@link #MIN_EXPECTED} distinct clients were just acked ("expected") and they are at least half as
 * many as the ops already waiting (so a few expected clients never hold back many waiting ops).
 * While holding, each accepted op from an expected client counts once ({@link #arrived}); the
 * hold ends when all but a quarter of the expected clients have sent, or at the deadline.
 *
 * <p>Invariants: a lone typist is never held (one expected client is below {@link #MIN_EXPECTED});
 * nothing is held unless clients were acked by the write that just completed; and the caller never
 * holds a write longer than its bound after the writer became free, so an op waits for the writer
 * at most that bound longer than it would without this rule. Owned by the room's thread.
 */
final class CommitGathering {
  /** Fewer just-acked clients than this never hold a write (a lone typist is never delayed). */
  static final int MIN_EXPECTED = 2;

  /** Clients acked by the write that just completed who have not sent an op since. */
  private final Set<String> expected = new HashSet<>();
  /** How many clients were expected when the hold began. */
  private int expectedAtStart;

  /**
   * The writer just finished {@code durable} (whose authors are being acked now) and {@code
   * waiting} ops are ready for the next write: true when that write should wait for the authors'
   * next ops. Forgets what the previous hold expected.
   */
  boolean shouldHold(List<StoredOp> durable, int waiting) {
    expected.clear();
    for (StoredOp op : durable) {
      expected.add(op.clientId());
    }
    expectedAtStart = expected.size();
    boolean hold = expectedAtStart >= MIN_EXPECTED && 2 * expectedAtStart >= waiting;
    if (!hold) {
      expected.clear();
    }
    return hold;
  }

  /**
   * An op of {@code clientId} was accepted during a hold: true when the hold should end now (all but
   * a quarter of the expected clients have sent; others' ops and a client's second op do not count).
   */
  boolean arrived(String clientId) {
    expected.remove(clientId);
    return expected.size() <= expectedAtStart / 4;
  }

  /** Forgets the hold (it ended, or the room dropped its memory). */
  void clear() {
    expected.clear();
    expectedAtStart = 0;
  }
}
