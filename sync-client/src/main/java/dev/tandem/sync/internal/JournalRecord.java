package dev.tandem.sync.internal;

import dev.tandem.ot.Delta;
import java.util.Objects;

/**
 * One record of a room's journal: the inputs of the client state machine, so replaying them
 * through a fresh {@link SessionCore} rebuilds exactly the state (document, revision, outstanding
 * op with its seq, buffer) the crashed session had. Seqs are decided by {@link ClientState}
 * deterministically, so a replayed outstanding op carries the seq the server may already know.
 */
public sealed interface JournalRecord {

  /**
   * The whole state at one moment; always the first record of a journal file.
   *
   * @param hasBase whether {@code rev}/{@code serverDoc} came from the server (else: the empty
   *     room at revision 0, which every room starts from)
   * @param outstanding the op in flight, or null
   * @param buffer edits composed after it, or null
   * @param splitInFlight {@code outstanding} is the first part of an edit too large for one op,
   *     and {@code buffer} begins with its rest (refused, the part takes the rest with it)
   */
  record Snapshot(String clientId, boolean hasBase, long rev, long nextSeq, Delta serverDoc,
      PendingOp outstanding, Delta buffer, int outstandingEdits, int bufferedEdits,
      boolean splitInFlight) implements JournalRecord {
    /** A snapshot with no split edit in flight. */
    public Snapshot(String clientId, boolean hasBase, long rev, long nextSeq, Delta serverDoc,
        PendingOp outstanding, Delta buffer, int outstandingEdits, int bufferedEdits) {
      this(clientId, hasBase, rev, nextSeq, serverDoc, outstanding, buffer, outstandingEdits,
          bufferedEdits, false);
    }

    public Snapshot {
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(serverDoc, "serverDoc");
      if (buffer != null && outstanding == null) {
        throw new IllegalArgumentException("a buffer needs an outstanding op");
      }
      if (splitInFlight && buffer == null) {
        throw new IllegalArgumentException("a split edit in flight needs its rest in the buffer");
      }
    }
  }

  /**
   * A local edit (stamped, on the local document); fsynced before the edit counts as made.
   * {@code hold}: send coalescing was on, so an op this edit starts was held, not sent (see
   * {@link ClientState.Holding}); replayed with the same choice.
   */
  record Edit(Delta change, boolean hold) implements JournalRecord {
    public Edit(Delta change) {
      this(change, false);
    }
  }

  /** Another client's op, committed at {@code rev}, as the server sent it. */
  record Remote(long rev, Delta op) implements JournalRecord {}

  /**
   * Our op {@code seq} was committed at {@code rev}; {@code hold}: a buffer behind it was held,
   * not sent at once.
   */
  record Ack(long seq, long rev, boolean hold) implements JournalRecord {
    public Ack(long seq, long rev) {
      this(seq, rev, false);
    }
  }

  /**
   * The held op {@code seq} was sent (its hold ended): edits after this record no longer compose
   * into it. Written before the op leaves.
   */
  record Flush(long seq) implements JournalRecord {}
}
