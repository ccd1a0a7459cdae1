package dev.tandem.sync.internal;

import dev.tandem.ot.Delta;
import dev.tandem.ot.Op;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Undo and redo of the local user's own changes only, with ot.js / Quill history semantics.
 *
 * <p>Invariant: the top of each stack applies to the current local document; the entry below it
 * applies to the document after the top one has been applied, and so on. A remote change keeps
 * this true by transforming every entry, top first ({@link #transform}): the stack holds inverted
 * changes transformed by every later remote op, so undoing never removes text someone else
 * inserted (their insert is retained around our inverted delete) and never reverts their
 * formatting of text we did not touch.
 *
 * <p>Rebasing cheaply: with a deep stack (up to {@code maxDepth} entries) every remote keystroke
 * is rebased through every entry, two transforms each. Most of them are far apart in the
 * document: a remote change that ends before an entry's first effect only moves the entry by its
 * length change and passes unchanged; one that starts after the entry's last effect leaves the
 * entry alone and moves by the entry's length change. Those two cases (strictly apart: touching
 * ranges, where inserts tie, take the general path) are done by adding to an offset —
 * the remote change's ({@code rShift} in {@link #transformStack}) or the entry's
 * ({@code Group.shift}) — instead of building two new deltas; the results are the ones
 * {@link Delta#transform} gives (checked by {@code UndoStackRebasePropertyTest}).
 *
 * <p>Grouping: consecutive typing forms one group until a pause longer than {@code pauseMillis},
 * a change of kind (typing, deleting, formatting, other), or a word boundary (the previous insert
 * ended in whitespace and this one does not).
 *
 * <p>Thread: owned by the session's engine thread. Not thread-safe.
 */
public final class UndoStack {
  private enum Kind { INSERT, DELETE, FORMAT, OTHER }

  private final long pauseMillis;
  private final int maxDepth;
  private final List<Group> undo = new ArrayList<>();
  private final List<Group> redo = new ArrayList<>();

  /**
   * One undo or redo entry, composed lazily: the inverses recorded into it, oldest first; the
   * entry is {@code parts[k-1] ∘ … ∘ parts[0]}. Composing each keystroke into its group at once
   * costs O(group) per keystroke; {@link #delta()} composes the parts as a balanced tree only
   * when the entry is read (undo, redo, a remote change), so most groups are never composed.
   *
   * <p>Typing forward is kept even cheaper: the inverses of inserts each made right after the
   * previous one ({@link #addTyped}) compose to {@code retain(typedStart) delete(typedLength)},
   * so they are merged into those two numbers and become a part only when something else is added
   * or the entry is read. {@code typedStart < 0}: no such run. Likewise deleting: consecutive
   * deletes that each end where the previous one started (backspacing) or start there (deleting
   * forward) compose to {@code retain(removedAt)} followed by the removed content in document
   * order, kept as the removed slices ({@link #addRemoved}). {@code removed == null}: no such run.
   */
  private static final class Group {
    private final ArrayList<Delta> parts = new ArrayList<>(2);
    /** Added to the delta's leading retain when it is read: remote changes before it moved it. */
    private int shift;
    private Delta spanOf;
    private Span span;
    private int typedStart = -1;
    private int typedLength;
    private ArrayDeque<Delta> removed;
    private int removedAt;

    Group() {}

    Group(Delta first) {
      parts.add(first);
    }

    void add(Delta newer) {
      closeRuns();
      parts.add(newer);
    }

    /** The inverse of deleting {@code content} (a document slice) at {@code position}. */
    void addRemoved(int position, Delta content) {
      if (removed != null && position + content.length() == removedAt) {
        removed.addFirst(content);
        removedAt = position;
        return;
      }
      if (removed != null && position == removedAt) {
        removed.addLast(content);
        return;
      }
      closeRuns();
      removed = new ArrayDeque<>();
      removed.add(content);
      removedAt = position;
    }

    private void closeRuns() {
      closeTyped();
      if (removed != null) {
        Delta.Builder inverse = Delta.builder().retain(removedAt);
        removed.forEach(inverse::addAll);
        parts.add(inverse.build());
        removed = null;
      }
    }

    /** The inverse of inserting {@code length} code units at {@code position}. */
    void addTyped(int position, int length) {
      if (typedStart >= 0 && position == typedStart + typedLength) {
        typedLength += length;
        return;
      }
      closeRuns();
      typedStart = position;
      typedLength = length;
    }

    private void closeTyped() {
      if (typedStart >= 0) {
        parts.add(Delta.builder().retain(typedStart).delete(typedLength).build());
        typedStart = -1;
      }
    }

    Delta delta() {
      closeRuns();
      if (parts.size() > 1) {
        Delta composed = SessionCore.composeAll(parts.reversed());
        parts.clear();
        parts.add(composed);
      }
      if (shift != 0) {
        parts.set(0, shifted(parts.getFirst(), shift));
        shift = 0;
      }
      return parts.getFirst();
    }

    /** Where the delta acts, without {@link #shift} (cached per composed delta). */
    Span span() {
      closeRuns();
      if (parts.size() > 1) {
        Delta composed = SessionCore.composeAll(parts.reversed());
        parts.clear();
        parts.add(composed);
      }
      Delta d = parts.getFirst();
      if (spanOf != d) {
        span = Span.of(d);
        spanOf = d;
      }
      return span;
    }
  }
  /** Kind and time of the last edit recorded into the open group; null kind = no open group. */
  private Kind lastKind;
  private long lastMillis;
  private boolean lastEndedWord;

  public UndoStack(long pauseMillis, int maxDepth) {
    this.pauseMillis = pauseMillis;
    this.maxDepth = maxDepth;
  }

  /**
   * Records a local edit ({@code inverse} undoes it on the document after it). Clears redo.
   */
  public void record(Delta change, Delta inverse, long nowMillis) {
    record(kindOf(change), firstInsert(change), lastInsert(change), inverse, nowMillis);
  }

  /**
   * {@link #record} of inserting {@code text} (non-empty) at {@code position} and nothing else,
   * without walking a change or building its inverse.
   */
  public void recordInsert(int position, String text, long nowMillis) {
    groupFor(Kind.INSERT, text, text, nowMillis).addTyped(position, text.length());
  }

  /**
   * {@link #record} of deleting one range at {@code position} and nothing else; {@code content} is
   * what it removed (the document's slice, non-empty), which the inverse puts back.
   */
  public void recordDelete(int position, Delta content, long nowMillis) {
    groupFor(Kind.DELETE, null, null, nowMillis).addRemoved(position, content);
  }

  /** {@code first}, {@code last}: the change's first and last non-empty insert text, or null. */
  private void record(Kind kind, String first, String last, Delta inverse, long nowMillis) {
    if (!inverse.isEmpty()) {
      groupFor(kind, first, last, nowMillis).add(inverse);
    }
  }

  /**
   * The group a new non-empty inverse joins: the open one, or a new one when the edit starts a
   * group (see the class comment). Clears redo.
   */
  private Group groupFor(Kind kind, String first, String last, long nowMillis) {
    boolean startsWord = first != null && !Character.isWhitespace(first.charAt(0));
    boolean merge = lastKind != null && !undo.isEmpty() && kind == lastKind
        && (kind == Kind.INSERT || kind == Kind.DELETE)
        && nowMillis - lastMillis <= pauseMillis
        && !(kind == Kind.INSERT && lastEndedWord && startsWord);
    Group group;
    if (merge && undo.getLast().shift == 0) { // (a remote change cuts the group anyway)
      group = undo.getLast();
    } else {
      group = new Group();
      undo.add(group);
      if (undo.size() > maxDepth) {
        undo.remove(0);
      }
    }
    lastKind = kind;
    lastMillis = nowMillis;
    lastEndedWord = last != null && Character.isWhitespace(last.charAt(last.length() - 1));
    redo.clear();
    return group;
  }

  /** Closes the open group: the next edit starts a new one. */
  public void cut() {
    lastKind = null;
  }

  public boolean canUndo() {
    return !undo.isEmpty();
  }

  public boolean canRedo() {
    return !redo.isEmpty();
  }

  /** Removes and returns the top undo group (a change on the current document), or null. */
  public Delta popUndo() {
    cut();
    return undo.isEmpty() ? null : undo.removeLast().delta();
  }

  /** Removes and returns the top redo group, or null. */
  public Delta popRedo() {
    cut();
    return redo.isEmpty() ? null : redo.removeLast().delta();
  }

  /** After an undo was applied: its inverse becomes redoable. */
  public void pushRedo(Delta inverse) {
    if (!inverse.isEmpty()) {
      redo.add(new Group(inverse));
    }
  }

  /** After a redo was applied: its inverse becomes undoable again (redo is kept). */
  public void pushUndo(Delta inverse) {
    if (!inverse.isEmpty()) {
      undo.add(new Group(inverse));
    }
  }

  /** A remote change was applied to the local document: rebase both stacks onto it. */
  public void transform(Delta remote) {
    transformStack(undo, remote);
    transformStack(redo, remote);
    cut();
  }

  public void clear() {
    undo.clear();
    redo.clear();
    cut();
  }

  private static void transformStack(List<Group> stack, Delta remote) {
    Delta r = remote;
    Span rSpan = Span.of(r);
    int rShift = 0; // r is rSpan's delta with this added to its leading retain
    for (int i = stack.size() - 1; i >= 0; i--) {
      Group group = stack.get(i);
      if (rSpan.isNoop()) {
        return; // nothing left to rebase onto (a retain-only remainder leaves every entry as it is)
      }
      Span entry = group.span();
      int eStart = entry.start() + group.shift;
      int eEnd = entry.end() + group.shift;
      if (!entry.isNoop() && rSpan.end() + rShift < eStart) {
        group.shift += rSpan.net(); // r ends before the entry: the entry moves, r passes unchanged
        continue;
      }
      if (!entry.isNoop() && rSpan.start() + rShift > eEnd) {
        rShift += entry.net(); // r starts after the entry: the entry stays, r moves
        continue;
      }
      Delta e = group.delta();
      if (rShift != 0) {
        r = shifted(r, rShift);
        rShift = 0;
      }
      Delta rebased = r.transform(e, true);
      r = e.transform(r, false);
      rSpan = Span.of(r);
      if (isNoop(rebased)) {
        stack.remove(i);
      } else {
        stack.set(i, new Group(rebased));
      }
    }
  }

  /**
   * Where a change acts on the document it applies to: {@code start} = its leading plain retain,
   * {@code end} = retained + deleted length (the end of its last retain or delete; inserts take no
   * room there), {@code net} = its length change. Retain-only changes without attributes are no-ops.
   */
  private record Span(int start, int end, int net, boolean isNoop) {
    static Span of(Delta d) {
      int start = 0;
      int end = 0;
      int net = 0;
      boolean leading = true;
      boolean noop = true;
      for (Op op : d) {
        switch (op) {
          case Op.Retain ret -> {
            if (leading && ret.attributes().isEmpty()) {
              start += ret.length();
            } else {
              leading = false;
              noop &= ret.attributes().isEmpty();
            }
            end += ret.length();
          }
          case Op.Delete del -> {
            leading = false;
            noop = false;
            end += del.length();
            net -= del.length();
          }
          case Op.Insert ins -> {
            leading = false;
            noop = false;
            net += ins.length();
          }
        }
      }
      return new Span(start, end, net, noop);
    }
  }

  /** {@code d} acting {@code by} positions further on (its leading retain changed by {@code by}). */
  private static Delta shifted(Delta d, int by) {
    Delta.Builder b = Delta.builder();
    boolean leading = true;
    int lead = 0;
    for (Op op : d) {
      if (leading && op instanceof Op.Retain ret && ret.attributes().isEmpty()) {
        lead += ret.length();
        continue;
      }
      if (leading) {
        leading = false;
        b.retain(lead + by);
      }
      b.add(op);
    }
    if (leading) {
      b.retain(lead + by);
    }
    return b.build();
  }

  private static boolean isNoop(Delta d) {
    for (Op op : d) {
      if (!(op instanceof Op.Retain ret) || !ret.attributes().isEmpty()) {
        return false;
      }
    }
    return true;
  }

  private static Kind kindOf(Delta change) {
    boolean ins = false;
    boolean del = false;
    boolean fmt = false;
    for (Op op : change) {
      switch (op) {
        case Op.Insert i -> ins = true;
        case Op.Delete d -> del = true;
        case Op.Retain r -> fmt |= !r.attributes().isEmpty();
      }
    }
    int kinds = (ins ? 1 : 0) + (del ? 1 : 0) + (fmt ? 1 : 0);
    if (kinds != 1) {
      return Kind.OTHER;
    }
    return ins ? Kind.INSERT : del ? Kind.DELETE : Kind.FORMAT;
  }

  /** The text of the first non-empty insert, or null. */
  private static String firstInsert(Delta change) {
    for (Op op : change) {
      if (op instanceof Op.Insert ins && !ins.text().isEmpty()) {
        return ins.text();
      }
    }
    return null;
  }

  /** The text of the last non-empty insert, or null. */
  private static String lastInsert(Delta change) {
    String last = null;
    for (Op op : change) {
      if (op instanceof Op.Insert ins && !ins.text().isEmpty()) {
        last = ins.text();
      }
    }
    return last;
  }
}
