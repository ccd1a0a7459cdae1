package dev.tandem.server.room;

import dev.tandem.ot.Delta;
import dev.tandem.ot.DocumentRuns;
import dev.tandem.ot.FinalNewline;
import dev.tandem.ot.Op;
import dev.tandem.ot.RichDocument;
import dev.tandem.server.store.RoomStore;
import dev.tandem.server.store.Snapshot;
import dev.tandem.server.store.StoredOp;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The part of a room that hibernation drops: the document, the revisions, recent history and the
 * ops accepted but not yet durable. Rebuilt from storage by {@link #load}. Owned by the room's
 * thread.
 *
 * <p>Two heads: {@link #head()} counts every accepted op (the document includes them), and
 * {@link #durableRev()} only those storage has confirmed. Nothing beyond the durable revision is
 * ever shown to a client: acks, broadcasts, welcomes, presence and snapshots all stop at it.
 */
final class RoomHistory {
  static final Delta EMPTY_DOCUMENT = Delta.document("\n");

  private final String roomId;
  private final RoomStore store;
  private final RichDocument document;
  private final RecentOps recent;
  private long durableRev;
  /** Inverses of the accepted, not yet durable ops, oldest first: rev durableRev+1, +2, … */
  private final ArrayDeque<Delta> undurableInverses = new ArrayDeque<>();
  /** How much longer the document is than at {@link #durableRev}: the undurable ops' growth. */
  private long undurableGrowth;
  /**
   * Highest (seq, rev) committed per client (accepted, durable or not), for idempotent resends and
   * the "seq below the last committed" rule. Filled from storage on a client's first op of this
   * activation ({@link RoomStore#lastCommitted}), then kept up to date by {@link #accept}; a
   * client with no committed op is {@link #NOTHING_COMMITTED}.
   */
  private final Map<String, long[]> lastSeq = new HashMap<>();
  /** (seq, rev) of a client that never committed: every seq (≥ 1) is above it. */
  private static final long[] NOTHING_COMMITTED = {0, 0};
  private long lastSnapshotRev;

  private RoomHistory(String roomId, RoomStore store, RichDocument document, long head,
      long snapshotRev, int recentCapacity) {
    this.roomId = roomId;
    this.store = store;
    this.document = document;
    this.recent = new RecentOps(head, recentCapacity);
    this.durableRev = head;
    this.lastSnapshotRev = snapshotRev;
  }

  /** Latest snapshot plus the ops after it; the ops stay in the recent window when they fit. */
  static RoomHistory load(String roomId, RoomStore store, int recentCapacity) {
    Optional<Snapshot> snapshot = store.latestSnapshot(roomId);
    long snapshotRev = snapshot.map(Snapshot::rev).orElse(0L);
    // A new room is the empty document: one newline (docs/protocol.md, "Documents").
    RichDocument document = RichDocument.of(snapshot.map(Snapshot::document).orElse(EMPTY_DOCUMENT));
    long head = store.headRevision(roomId);
    List<StoredOp> tail = store.ops(roomId, snapshotRev, head);
    RoomHistory history =
        new RoomHistory(roomId, store, document, snapshotRev, snapshotRev, recentCapacity);
    for (StoredOp op : tail) {
      document.apply(op.delta());
      history.recent.add(op, op.rev());
    }
    history.durableRev = history.recent.head();
    return history;
  }

  long head() {
    return recent.head();
  }

  long durableRev() {
    return durableRev;
  }

  /** Length of the document as of {@link #durableRev()} (what clients see). */
  int durableDocumentLength() {
    return (int) (document.length() - undurableGrowth);
  }

  int documentLength() {
    return document.length();
  }

  /**
   * Committed ops with {@code from < rev ≤ to} if memory still has all of them, else null (never
   * reads storage). {@code to} must not exceed {@link #head()}.
   */
  List<StoredOp> opsInMemory(long from, long to) {
    List<StoredOp> inMemory = recent.after(from);
    if (inMemory == null) {
      return null;
    }
    return to == head() ? inMemory : inMemory.subList(0, (int) (to - from));
  }

  /**
   * The newest revision memory no longer has: ops after it are in memory, ops up to it only in
   * storage. Always durable (memory never forgets an op storage does not have).
   */
  long forgottenUpTo() {
    return recent.oldestKept() - 1;
  }

  /** {@code change} made before {@code committed} (consecutive ops), rewritten to apply after them. */
  static Delta rebase(List<StoredOp> committed, Delta change) {
    // Committed ops happened first: they win ties. Through each in order, without a delta per
    // step while both are point edits (Delta.transformThrough).
    List<Delta> deltas = new java.util.AbstractList<>() {
      @Override
      public Delta get(int index) {
        return committed.get(index).delta();
      }

      @Override
      public int size() {
        return committed.size();
      }
    };
    return Delta.transformThrough(deltas, change, true);
  }

  /**
   * The revision at which (clientId, seq) was committed, if it was: the client's last seq from
   * memory (or, first in an activation, from storage), an older seq from storage.
   */
  OptionalLong committedRevision(String clientId, long seq) {
    long[] last = lastCommitted(clientId);
    if (seq == last[0] && last != NOTHING_COMMITTED) {
      return OptionalLong.of(last[1]);
    }
    if (seq > last[0]) {
      return OptionalLong.empty();
    }
    return store.committedRevision(roomId, clientId, seq);
  }

  /**
   * True when {@code seq} is at or below the highest seq this client ever committed in this room
   * (so it can never be committed: seqs strictly increase). Holds across hibernation and
   * restarts: the highest seq comes from storage the first time a client sends in an activation.
   */
  boolean seqSpent(String clientId, long seq) {
    return seq <= lastCommitted(clientId)[0];
  }

  private long[] lastCommitted(String clientId) {
    long[] last = lastSeq.get(clientId);
    if (last == null) {
      // Durable ops only, which is complete: an op of this client accepted in this activation
      // would already have put it in the map.
      last = store.lastCommitted(roomId, clientId)
          .map(c -> new long[] {c.seq(), c.rev()})
          .orElse(NOTHING_COMMITTED);
      lastSeq.put(clientId, last);
    }
    return last;
  }

  /**
   * Applies an op already rebased to the head and stamped, and records it as the next revision.
   *
   * @throws IllegalArgumentException if it does not fit the document (nothing changes then)
   */
  StoredOp accept(StoredOp op) {
    requireKeepsFinalNewline(op.delta());
    Delta inverse = invert(op.delta());
    document.apply(op.delta());
    recent.add(op, durableRev);
    undurableInverses.addLast(inverse);
    undurableGrowth += op.delta().changeLength();
    lastSeq.put(op.clientId(), new long[] {op.seq(), op.rev()});
    return op;
  }

  /** Storage confirmed every op up to {@code rev}. */
  void markDurable(long rev) {
    while (durableRev < rev) {
      undurableGrowth += undurableInverses.removeFirst().changeLength();
      durableRev++;
    }
  }

  /** True when nothing accepted is waiting for storage. */
  boolean allDurable() {
    return durableRev == head();
  }

  /** The document as of {@link #durableRev()}: what clients may see. O(document size). */
  Delta durableDocument() {
    Delta current = document.toDelta();
    return undurableInverses.isEmpty() ? current : current.apply(undoUndurable());
  }

  /**
   * The document as of {@link #durableRev()} in compact form, to be finished on another thread:
   * this thread only copies the current content out of the tree ({@link RichDocument#runs}: a
   * string and run arrays, not an object per run, since the copy lives until storage has it);
   * undoing the ops that are not durable yet, another pass over the document, happens in {@link
   * Supplier#get}.
   */
  Supplier<DocumentRuns> durableDocumentSource() {
    DocumentRuns current = document.runs();
    if (undurableInverses.isEmpty()) {
      return () -> current;
    }
    Delta undo = undoUndurable();
    return () -> current.apply(undo);
  }

  /**
   * The change from the current document back to the durable one. Newest first: the last op is
   * undone first. Composing the small inverses first means the whole document is walked once, not
   * once per undurable op.
   */
  private Delta undoUndurable() {
    Delta undo = null;
    Iterator<Delta> newestFirst = undurableInverses.descendingIterator();
    while (newestFirst.hasNext()) {
      Delta inverse = newestFirst.next();
      undo = undo == null ? inverse : undo.compose(inverse);
    }
    return undo;
  }

  /** True when enough ops were made durable since the last snapshot to write a new one. */
  boolean snapshotDue(int every) {
    return durableRev - lastSnapshotRev >= every;
  }

  long markSnapshot() {
    lastSnapshotRev = durableRev;
    return durableRev;
  }

  /** A document always ends with its final {@code "\n"} ({@link FinalNewline}). */
  private void requireKeepsFinalNewline(Delta change) {
    String misfit = FinalNewline.misfit(change, document);
    if (misfit != null) {
      throw new IllegalArgumentException(misfit);
    }
  }

  /**
   * {@code change.invert(document)} without materialising the document: only the ranges the change
   * deletes or reformats are read, so it costs O(change size · log n).
   */
  private Delta invert(Delta change) {
    int needed = change.baseLength();
    if (needed > document.length()) {
      throw new IllegalArgumentException("length mismatch: the change covers " + needed
          + " characters but the document has " + document.length());
    }
    Delta.Builder inverted = Delta.builder();
    int index = 0;
    for (Op op : change) {
      switch (op) {
        case Op.Insert ins -> inverted.delete(ins.length());
        case Op.Delete del -> {
          inverted.addAll(document.slice(index, index + del.length()));
          index += del.length();
        }
        case Op.Retain ret when ret.attributes().isEmpty() -> {
          inverted.retain(ret.length());
          index += ret.length();
        }
        case Op.Retain ret -> {
          Delta formatted = document.slice(index, index + ret.length());
          inverted.addAll(Delta.of(ret).invert(formatted));
          index += ret.length();
        }
      }
    }
    return inverted.build();
  }
}
