package dev.tandem.ot;

/**
 * An inner node of {@link RichTree}. Owned by the thread that owns the {@link RichDocument}.
 *
 * <p>Invariants: {@code children[0, count)} are non-empty nodes of one kind and one height;
 * {@code lengths[i]} and {@code newlines[i]} cache child i's code units and '\n' count (the
 * descent reads only these arrays, never the children); {@code count ≤ maxChildren} between
 * operations (the arrays have one spare slot for a split in progress).
 */
final class RichBranch extends RichNode {
  final RichNode[] children;
  final int[] lengths;
  final int[] newlineCounts;
  int count;

  RichBranch(int maxChildren) {
    children = new RichNode[maxChildren + 1];
    lengths = new int[maxChildren + 1];
    newlineCounts = new int[maxChildren + 1];
  }

  int maxChildren() {
    return children.length - 1;
  }

  @Override
  int length() {
    int sum = 0;
    for (int i = 0; i < count; i++) {
      sum += lengths[i];
    }
    return sum;
  }

  @Override
  int newlines() {
    int sum = 0;
    for (int i = 0; i < count; i++) {
      sum += newlineCounts[i];
    }
    return sum;
  }

  @Override
  boolean underfull() {
    return count < Math.max(2, maxChildren() / 2);
  }

  /** Recomputes the cached counts of child i from the child itself. */
  void refresh(int i) {
    lengths[i] = children[i].length();
    newlineCounts[i] = children[i].newlines();
  }

  /** Inserts {@code child} at {@code index}; may leave {@code count = maxChildren + 1}. */
  void insertChild(int index, RichNode child) {
    System.arraycopy(children, index, children, index + 1, count - index);
    System.arraycopy(lengths, index, lengths, index + 1, count - index);
    System.arraycopy(newlineCounts, index, newlineCounts, index + 1, count - index);
    children[index] = child;
    count++;
    refresh(index);
  }

  void removeChildren(int from, int to) {
    int n = to - from;
    System.arraycopy(children, to, children, from, count - to);
    System.arraycopy(lengths, to, lengths, from, count - to);
    System.arraycopy(newlineCounts, to, newlineCounts, from, count - to);
    for (int i = count - n; i < count; i++) {
      children[i] = null;
    }
    count -= n;
  }

  /** Appends {@code other.children[from, to)} with their cached counts. */
  void appendFrom(RichBranch other, int from, int to) {
    int n = to - from;
    System.arraycopy(other.children, from, children, count, n);
    System.arraycopy(other.lengths, from, lengths, count, n);
    System.arraycopy(other.newlineCounts, from, newlineCounts, count, n);
    count += n;
  }

  /** Moves the upper half of the children into a new branch, which it returns. */
  RichBranch split() {
    RichBranch right = new RichBranch(maxChildren());
    int mid = count / 2;
    right.appendFrom(this, mid, count);
    removeChildren(mid, count);
    return right;
  }

  @Override
  int delete(int from, int to) {
    int removed = 0;
    int start = 0;
    int i = 0;
    while (i < count && start < to) {
      int length = lengths[i];
      int end = start + length;
      if (end <= from) {
        i++;
      } else if (from <= start && end <= to) {
        removed += newlineCounts[i];
        removeChildren(i, i + 1);
      } else {
        int childFrom = Math.max(from, start) - start;
        int childTo = Math.min(to, end) - start;
        int n = children[i].delete(childFrom, childTo);
        lengths[i] -= childTo - childFrom;
        newlineCounts[i] -= n;
        removed += n;
        i++;
      }
      start = end;
    }
    rebalance();
    return removed;
  }

  /**
   * Merges underfull children into a neighbour (re-splitting evenly when the pair overflows) until
   * none is underfull or only one is left. A grandchild left underfull inside a merged child is
   * repaired by the next delete that reaches it; heights are never affected.
   */
  void rebalance() {
    int i = 0;
    while (i < count && count > 1) {
      if (children[i].underfull()) {
        // Merging either drops a child or leaves both halves above the minimum; re-check the pair.
        i = i == count - 1 ? i - 1 : i;
        mergePair(i);
      } else {
        i++;
      }
    }
  }

  /** Merges children i and i+1, or evens them out when they do not fit into one. */
  private void mergePair(int i) {
    RichNode a = children[i];
    RichNode b = children[i + 1];
    if (a instanceof RichLeaf la && b instanceof RichLeaf lb) {
      int total = la.length + lb.length;
      if (total <= la.capacity()) {
        la.appendFrom(lb, 0, lb.length);
        removeChildren(i + 1, i + 2);
      } else if (la.length < total / 2) {
        int n = total / 2 - la.length;
        la.appendFrom(lb, 0, n);
        lb.delete(0, n);
      } else {
        RichLeaf c = new RichLeaf(la.capacity());
        c.appendFrom(la, total / 2, la.length);
        c.appendFrom(lb, 0, lb.length);
        la.delete(total / 2, la.length);
        children[i + 1] = c;
      }
    } else {
      RichBranch ba = (RichBranch) a;
      RichBranch bb = (RichBranch) b;
      int total = ba.count + bb.count;
      if (total <= maxChildren()) {
        ba.appendFrom(bb, 0, bb.count);
        removeChildren(i + 1, i + 2);
      } else if (ba.count < total / 2) {
        int n = total / 2 - ba.count;
        ba.appendFrom(bb, 0, n);
        bb.removeChildren(0, n);
      } else {
        RichBranch c = new RichBranch(maxChildren());
        c.appendFrom(ba, total / 2, ba.count);
        c.appendFrom(bb, 0, bb.count);
        ba.removeChildren(total / 2, ba.count);
        children[i + 1] = c;
      }
    }
    refresh(i);
    if (i + 1 < count) {
      refresh(i + 1);
    }
  }

  @Override
  void format(int from, int to, Attributes attributes) {
    int start = 0;
    for (int i = 0; i < count && start < to; i++) {
      int end = start + lengths[i];
      if (end > from) {
        children[i].format(Math.max(from, start) - start, Math.min(to, end) - start, attributes);
      }
      start = end;
    }
  }

  @Override
  void visit(int from, int to, RunVisitor visitor) {
    int start = 0;
    for (int i = 0; i < count && start < to; i++) {
      int end = start + lengths[i];
      if (end > from) {
        children[i].visit(Math.max(from, start) - start, Math.min(to, end) - start, visitor);
      }
      start = end;
    }
  }

  /** Checks the invariants in the class comment recursively; returns the height. For tests. */
  int checkInvariants(boolean root) {
    RichLeaf.check(count <= maxChildren(), "branch overflow " + count);
    RichLeaf.check(!root || count >= 2, "root branch with " + count + " children");
    int height = -1;
    for (int i = 0; i < count; i++) {
      RichNode child = children[i];
      RichLeaf.check(child.length() == lengths[i] && lengths[i] > 0, "cached length");
      RichLeaf.check(child.newlines() == newlineCounts[i], "cached newlines");
      int h = child instanceof RichBranch b ? b.checkInvariants(false) : 0;
      if (child instanceof RichLeaf leaf) {
        leaf.checkInvariants();
      }
      RichLeaf.check(height < 0 || h == height, "uneven heights");
      height = h;
    }
    for (int i = count; i < children.length; i++) {
      RichLeaf.check(children[i] == null, "stale child");
    }
    return height + 1;
  }
}
