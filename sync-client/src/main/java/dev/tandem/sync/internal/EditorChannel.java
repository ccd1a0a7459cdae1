package dev.tandem.sync.internal;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.Values.Range;
import dev.tandem.sync.ChangeOrigin;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Keeps the editor's document (owned by the UI thread) and the engine's local document (owned by
 * the engine thread) convergent without either thread waiting for the other: a two-site OT
 * channel in the Jupiter style.
 *
 * <p>The engine delivers changes numbered 1, 2, …; the UI submits edits numbered 1, 2, …. Each
 * message carries how many of the other side's messages its sender had applied. A delivery that
 * crosses UI edits the engine had not yet seen is transformed through them on the UI side; an
 * edit that crosses deliveries the UI had not yet applied is transformed through them on the
 * engine side. Ties go to the engine's change on both sides (UI: {@code L.transform(D, false)};
 * engine: {@code D.transform(L, true)}), so both sides compute the same pair and converge (TP1).
 *
 * <p>Threads: fields under "UI side" are guarded by {@code this} (normally only the listener
 * executor's thread touches them; the lock makes a caller on another thread safe, and the
 * listener's {@code onChange} runs under it so that edits and deliveries stay totally ordered).
 * Fields under "engine side" are owned by the engine thread.
 */
public final class EditorChannel {
  private static final class Numbered {
    final long id;
    Delta delta;

    Numbered(long id, Delta delta) {
      this.id = id;
      this.delta = delta;
    }
  }

  // ---- UI side (guarded by this) ----
  private long deliveriesApplied;
  private long editsSubmitted;
  private final ArrayDeque<Numbered> unseenEdits = new ArrayDeque<>();

  // ---- engine side (engine thread) ----
  private long deliveriesSent;
  private long editsIncorporated;
  private final ArrayDeque<Numbered> inTransit = new ArrayDeque<>();

  // ---- written by the engine, read by the UI side ----
  /**
   * Edits up to this number will never be needed to transform a delivery: it is set when the
   * engine incorporates an edit with no delivery in transit, i.e. every delivery made so far had
   * reached the editor before that edit was made, and every later one will have seen it. Without
   * it the UI side would keep every edit until the next delivery — all of a session's typing when
   * nobody else edits.
   */
  private volatile long forgettableEdits;

  // ---- engine thread ----

  /** Numbers a delivery; the returned task must run on the UI side, in order. */
  public Runnable deliver(Delta change, ChangeOrigin origin, BiConsumer<Delta, ChangeOrigin> onChange) {
    long id = ++deliveriesSent;
    inTransit.addLast(new Numbered(id, change));
    long seenEdits = editsIncorporated;
    return () -> receive(id, seenEdits, change, origin, onChange);
  }

  /** Wraps positions computed on the engine's document for the UI side. */
  public Runnable deliverRanges(List<Range> ranges, java.util.function.Consumer<List<Range>> onRanges) {
    long seenEdits = editsIncorporated;
    return () -> receiveRanges(seenEdits, ranges, onRanges);
  }

  /** An edit the UI made after applying {@code seenDeliveries}, rewritten for the engine's document. */
  public Delta incorporate(Delta edit, long seenDeliveries) {
    prune(seenDeliveries);
    if (inTransit.isEmpty()) { // the usual case: typing with no remote change crossing it
      forgettableEdits = ++editsIncorporated;
      return edit;
    }
    for (Numbered d : inTransit) {
      Delta editAfter = d.delta.transform(edit, true);
      d.delta = edit.transform(d.delta, false);
      edit = editAfter;
    }
    editsIncorporated++;
    if (inTransit.isEmpty()) {
      forgettableEdits = editsIncorporated;
    }
    return edit;
  }

  /** Positions on the editor's document (after {@code seenDeliveries}) on the engine's. */
  public List<Range> toEngine(List<Range> ranges, long seenDeliveries) {
    prune(seenDeliveries);
    List<Range> out = new ArrayList<>(ranges);
    for (Numbered d : inTransit) {
      out.replaceAll(r -> new Range(d.delta.transformPosition(r.anchor(), false),
          d.delta.transformPosition(r.head(), false)));
    }
    return out;
  }

  private void prune(long seenDeliveries) {
    while (!inTransit.isEmpty() && inTransit.peekFirst().id <= seenDeliveries) {
      inTransit.removeFirst();
    }
  }

  // ---- UI side ------------------------------------------------------------------------------

  /** Records an edit the editor made; returns the deliveries it had applied (send both along). */
  public synchronized long submitted(Delta edit) {
    pruneUnseen(forgettableEdits);
    unseenEdits.addLast(new Numbered(++editsSubmitted, edit));
    return deliveriesApplied;
  }

  /** How many deliveries the editor has applied. */
  public synchronized long deliveriesApplied() {
    return deliveriesApplied;
  }

  private synchronized void receive(long id, long seenEdits, Delta change, ChangeOrigin origin,
      BiConsumer<Delta, ChangeOrigin> onChange) {
    pruneUnseen(seenEdits);
    for (Numbered l : unseenEdits) {
      Delta changeAfter = l.delta.transform(change, false);
      l.delta = change.transform(l.delta, true);
      change = changeAfter;
    }
    deliveriesApplied = id;
    onChange.accept(change, origin);
  }

  private synchronized void receiveRanges(long seenEdits, List<Range> ranges,
      java.util.function.Consumer<List<Range>> onRanges) {
    pruneUnseen(seenEdits);
    List<Range> out = new ArrayList<>(ranges);
    for (Numbered l : unseenEdits) {
      out.replaceAll(r -> new Range(l.delta.transformPosition(r.anchor(), false),
          l.delta.transformPosition(r.head(), false)));
    }
    onRanges.accept(List.copyOf(out));
  }

  /** Edits the UI side still keeps for transforming deliveries; for tests. */
  synchronized int unseenEditCount() {
    return unseenEdits.size();
  }

  private void pruneUnseen(long seenEdits) {
    while (!unseenEdits.isEmpty() && unseenEdits.peekFirst().id <= seenEdits) {
      unseenEdits.removeFirst();
    }
  }
}
