package dev.tandem.ot;

/**
 * A node of {@link RichTree}: a {@link RichLeaf} of text or a {@link RichBranch} of nodes. Positions
 * passed to a node are relative to its own first character. Owned by the thread that owns the
 * {@link RichDocument}.
 */
abstract sealed class RichNode permits RichLeaf, RichBranch {

  /** Receives the styled runs of a range, in document order. */
  @FunctionalInterface
  interface RunVisitor {
    /** {@code chars[from, to)} carry {@code attributes}; the array must not be kept or changed. */
    void run(char[] chars, int from, int to, Attributes attributes);
  }

  /** Code units in this subtree. O(1) for a leaf, O(children) for a branch. */
  abstract int length();

  /** '\n' characters in this subtree. */
  abstract int newlines();

  /** True when this node holds fewer entries than the tree's minimum and should be merged. */
  abstract boolean underfull();

  /**
   * Removes {@code [from, to)}, a non-empty range inside this node that does not cover all of it,
   * and returns how many '\n' were removed. A branch leaves its own children balanced.
   */
  abstract int delete(int from, int to);

  /** Composes {@code attributes} (nulls remove) into the formats of {@code [from, to)}. */
  abstract void format(int from, int to, Attributes attributes);

  /** Visits the styled runs overlapping {@code [from, to)}, clipped to it. */
  abstract void visit(int from, int to, RunVisitor visitor);
}
