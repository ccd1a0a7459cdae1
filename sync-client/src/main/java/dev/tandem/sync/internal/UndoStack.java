package dev.tandem.sync.internal;

import dev.tandem.ot.Delta;
import dev.tandem.ot.Op;
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
  private final List<Delta> undo = new ArrayList<>();
  private final List<Delta> redo = new ArrayList<>();
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
    if (inverse.isEmpty()) {
      return;
    }
    Kind kind = kindOf(change);
    String inserted = insertedText(change);
    boolean startsWord = !inserted.isEmpty() && !Character.isWhitespace(inserted.charAt(0));
    boolean merge = lastKind != null && !undo.isEmpty() && kind == lastKind
        && (kind == Kind.INSERT || kind == Kind.DELETE)
        && nowMillis - lastMillis <= pauseMillis
        && !(kind == Kind.INSERT && lastEndedWord && startsWord);
    if (merge) {
      int top = undo.size() - 1;
      undo.set(top, inverse.compose(undo.get(top)));
    } else {
      undo.add(inverse);
      if (undo.size() > maxDepth) {
        undo.remove(0);
      }
    }
    lastKind = kind;
    lastMillis = nowMillis;
    lastEndedWord = !inserted.isEmpty() && Character.isWhitespace(inserted.charAt(inserted.length() - 1));
    redo.clear();
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
    return undo.isEmpty() ? null : undo.remove(undo.size() - 1);
  }

  /** Removes and returns the top redo group, or null. */
  public Delta popRedo() {
    cut();
    return redo.isEmpty() ? null : redo.remove(redo.size() - 1);
  }

  /** After an undo was applied: its inverse becomes redoable. */
  public void pushRedo(Delta inverse) {
    if (!inverse.isEmpty()) {
      redo.add(inverse);
    }
  }

  /** After a redo was applied: its inverse becomes undoable again (redo is kept). */
  public void pushUndo(Delta inverse) {
    if (!inverse.isEmpty()) {
      undo.add(inverse);
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

  private static void transformStack(List<Delta> stack, Delta remote) {
    Delta r = remote;
    for (int i = stack.size() - 1; i >= 0; i--) {
      Delta entry = stack.get(i);
      Delta rebased = r.transform(entry, true);
      r = entry.transform(r, false);
      if (isNoop(rebased)) {
        stack.remove(i);
      } else {
        stack.set(i, rebased);
      }
    }
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

  private static String insertedText(Delta change) {
    StringBuilder sb = new StringBuilder();
    for (Op op : change) {
      if (op instanceof Op.Insert ins) {
        sb.append(ins.text());
      }
    }
    return sb.toString();
  }
}
