package dev.tandem.app.editor;

import dev.tandem.ot.Delta;

/**
 * Remote changes received together, waiting to be applied to the area as one: their composition,
 * and the local selection moved through each of them in turn (exactly where applying them one by
 * one would have put it — composing first could differ where a change inserts right at the caret).
 *
 * <p>Invariant: when not {@link #isEmpty()}, {@code composed} turns the area's content (as it was
 * at {@link #start}) into the document the session has delivered, and anchor/caret are the area's
 * selection at {@link #start} moved through every change added since. Plain logic, no JavaFX;
 * owned by the thread of its {@link EditorBridge} (the FX thread).
 */
final class RemoteBatch {
  private Delta composed;
  private int changes;
  private int anchor;
  private int caret;

  boolean isEmpty() {
    return composed == null;
  }

  /** Begins a batch for an area whose selection is {@code anchor}..{@code caret}. */
  void start(int anchor, int caret) {
    if (!isEmpty()) {
      throw new IllegalStateException("a batch of " + changes + " changes is still waiting");
    }
    this.anchor = anchor;
    this.caret = caret;
    this.changes = 0;
  }

  /** Adds the next change (it applies to the document after every change added before it). */
  void add(Delta change) {
    composed = composed == null ? change : composed.compose(change);
    changes++;
    anchor = change.transformPosition(anchor, false);
    caret = change.transformPosition(caret, false);
  }

  /** The changes as one; call only when not empty. */
  Delta composed() {
    return composed;
  }

  int anchor() {
    return anchor;
  }

  int caret() {
    return caret;
  }

  /** How many changes the batch holds. */
  int size() {
    return changes;
  }

  void clear() {
    composed = null;
    changes = 0;
  }
}
