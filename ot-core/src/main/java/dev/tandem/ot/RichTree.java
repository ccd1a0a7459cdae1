package dev.tandem.ot;

import java.util.Arrays;

/**
 * The B+tree behind {@link RichDocument}: text lives in {@link RichLeaf leaves} of at most
 * {@code leafCapacity} code units, all at the same depth; {@link RichBranch branches} cache each
 * child's length and newline count, so finding a position or a paragraph descends one path.
 * Owned by the thread that owns the document; nothing here is synchronized.
 *
 * <p><b>Finger.</b> The last descent is remembered (its branches, child indices, leaf and the
 * leaf's start position). Editing inside that leaf without changing the tree's shape keeps it
 * valid, so sequential typing costs one array insert plus one counter update per level, with no
 * search. Any change of shape (split, merge, range delete) clears it.
 */
final class RichTree {
  private final int leafCapacity;
  private final int maxChildren;
  private RichNode root;
  private int length;
  private int newlines;

  // The finger: path[0] is the root branch; pathIndex[d] is the child taken in path[d].
  private RichBranch[] path = new RichBranch[16];
  private int[] pathIndex = new int[16];
  private int depth;
  /** The leaf the finger points at; null when the finger is invalid. */
  private RichLeaf leaf;
  private int leafStart;

  RichTree(int leafCapacity, int maxChildren) {
    if (leafCapacity < 4 || maxChildren < 3) {
      throw new IllegalArgumentException("capacities too small: " + leafCapacity + ", " + maxChildren);
    }
    this.leafCapacity = leafCapacity;
    this.maxChildren = maxChildren;
    this.root = new RichLeaf(leafCapacity);
  }

  /**
   * A tree holding {@code document}'s inserts, built bottom-up in O(n): leaves filled evenly to
   * about three quarters of their capacity (so typing does not split them at once), then levels of
   * branches filled evenly up to {@code maxChildren}. Every node respects the minimum fill of
   * {@link RichLeaf#underfull} and {@link RichBranch#underfull}.
   */
  static RichTree build(Iterable<Op.Insert> document, int total, int leafCapacity, int maxChildren) {
    RichTree tree = new RichTree(leafCapacity, maxChildren);
    if (total == 0) {
      return tree;
    }
    int target = Math.max(1, leafCapacity * 3 / 4);
    int leafCount = (int) ((total + (long) target - 1) / target);
    java.util.ArrayList<RichNode> level = new java.util.ArrayList<>(leafCount);
    java.util.Iterator<Op.Insert> ops = document.iterator();
    Op.Insert op = null;
    int used = 0; // code units of op already placed
    for (int i = 0; i < leafCount; i++) {
      int size = (int) ((long) total * (i + 1) / leafCount - (long) total * i / leafCount);
      RichLeaf leaf = new RichLeaf(leafCapacity);
      while (size > 0) {
        if (op == null || used == op.text().length()) {
          op = ops.next();
          used = 0;
        }
        int take = Math.min(size, op.text().length() - used);
        leaf.insert(leaf.length, op.text(), used, used + take, op.attributes());
        used += take;
        size -= take;
      }
      level.add(leaf);
    }
    while (level.size() > 1) {
      int groups = (level.size() + maxChildren - 1) / maxChildren;
      java.util.ArrayList<RichNode> up = new java.util.ArrayList<>(groups);
      int n = level.size();
      for (int g = 0; g < groups; g++) {
        RichBranch branch = new RichBranch(maxChildren);
        int from = (int) ((long) n * g / groups);
        int to = (int) ((long) n * (g + 1) / groups);
        for (int c = from; c < to; c++) {
          branch.insertChild(branch.count, level.get(c));
        }
        up.add(branch);
      }
      level = up;
    }
    tree.root = level.getFirst();
    tree.length = total;
    tree.newlines = tree.root.newlines();
    return tree;
  }

  int length() {
    return length;
  }

  int newlines() {
    return newlines;
  }

  RichNode root() {
    return root;
  }

  /**
   * Points the finger at the leaf holding {@code index}. With {@code atEnd}, a position on a leaf
   * boundary resolves to the end of the left leaf (where typing appends); without, to the leaf
   * holding the character at {@code index}.
   */
  private void locate(int index, boolean atEnd) {
    if (leaf != null && (atEnd
        ? (index > leafStart || (index == 0 && leafStart == 0)) && index <= leafStart + leaf.length
        : index >= leafStart && index < leafStart + leaf.length)) {
      return;
    }
    RichNode node = root;
    int start = 0;
    depth = 0;
    while (node instanceof RichBranch b) {
      int pos = index - start;
      int i = 0;
      int last = b.count - 1;
      int[] lengths = b.lengths;
      while (i < last && (atEnd ? pos > lengths[i] : pos >= lengths[i])) {
        pos -= lengths[i];
        start += lengths[i];
        i++;
      }
      if (depth == path.length) {
        path = Arrays.copyOf(path, depth * 2);
        pathIndex = Arrays.copyOf(pathIndex, depth * 2);
      }
      path[depth] = b;
      pathIndex[depth++] = i;
      node = b.children[i];
    }
    leaf = (RichLeaf) node;
    leafStart = start;
  }

  char charAt(int index) {
    locate(index, false);
    return leaf.chars[index - leafStart];
  }

  /**
   * True when {@code position}, in {@code (0, length)}, falls between a high and a low surrogate.
   * Looks only into the finger's leaf unless its last char is a high surrogate.
   */
  boolean splitsSurrogatePair(int position) {
    locate(position, true);
    int offset = position - leafStart;
    if (!Character.isHighSurrogate(leaf.chars[offset - 1])) {
      return false;
    }
    return Character.isLowSurrogate(offset < leaf.length ? leaf.chars[offset] : charAt(position));
  }

  Attributes attributesAt(int index) {
    locate(index, false);
    return leaf.attributesAt(index - leafStart);
  }

  /** Adds to the cached counts on the finger's path, from level {@code top - 1} up to the root. */
  private void adjustPath(int top, int lengthDelta, int newlineDelta) {
    for (int d = top - 1; d >= 0; d--) {
      path[d].lengths[pathIndex[d]] += lengthDelta;
      path[d].newlineCounts[pathIndex[d]] += newlineDelta;
    }
    length += lengthDelta;
    newlines += newlineDelta;
  }

  void insert(int index, String text, Attributes attributes) {
    // Chunks of at most half a leaf always fit after one even split of the target leaf.
    int chunk = leafCapacity / 2;
    for (int from = 0; from < text.length(); from += chunk) {
      insertChunk(index + from, text, from, Math.min(text.length(), from + chunk), attributes);
    }
  }

  private void insertChunk(int index, String text, int from, int to, Attributes attributes) {
    int k = to - from;
    int addedNewlines = 0;
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == '\n') {
        addedNewlines++;
      }
    }
    locate(index, true);
    int offset = index - leafStart;
    if (leaf.length + k <= leafCapacity) {
      leaf.insert(offset, text, from, to, attributes);
      adjustPath(depth, k, addedNewlines);
      return;
    }
    RichLeaf left = leaf;
    RichLeaf right = left.split();
    if (offset <= left.length) {
      left.insert(offset, text, from, to, attributes);
    } else {
      right.insert(offset - left.length, text, from, to, attributes);
    }
    addSibling(left, right, k, addedNewlines);
  }

  /** After {@code left} (the finger's node at the bottom) split off {@code right}: fix the path. */
  private void addSibling(RichNode left, RichNode right, int k, int addedNewlines) {
    leaf = null;
    for (int d = depth - 1; d >= 0; d--) {
      RichBranch parent = path[d];
      int i = pathIndex[d];
      parent.refresh(i);
      parent.insertChild(i + 1, right);
      if (parent.count <= maxChildren) {
        adjustPath(d, k, addedNewlines);
        return;
      }
      left = parent;
      right = parent.split();
    }
    RichBranch newRoot = new RichBranch(maxChildren);
    newRoot.insertChild(0, left);
    newRoot.insertChild(1, right);
    root = newRoot;
    length += k;
    newlines += addedNewlines;
  }

  void delete(int index, int count) {
    locate(index, false);
    int offset = index - leafStart;
    if (offset + count <= leaf.length && (depth == 0 || leaf.length - count >= leafCapacity / 4)) {
      int removedNewlines = leaf.delete(offset, offset + count);
      adjustPath(depth, -count, -removedNewlines);
      return;
    }
    leaf = null;
    int removedNewlines;
    if (count == length) {
      root = new RichLeaf(leafCapacity);
      removedNewlines = newlines;
    } else {
      removedNewlines = root.delete(index, index + count);
      while (root instanceof RichBranch b && b.count == 1) {
        root = b.children[0];
      }
    }
    length -= count;
    newlines -= removedNewlines;
  }

  void format(int from, int to, Attributes attributes) {
    root.format(from, to, attributes);
  }

  /** Position of the k-th (0-based) '\n'; requires {@code k < newlines()}. */
  int indexOfNewline(int k) {
    RichNode node = root;
    int start = 0;
    while (node instanceof RichBranch b) {
      int i = 0;
      while (k >= b.newlineCounts[i]) {
        k -= b.newlineCounts[i];
        start += b.lengths[i++];
      }
      node = b.children[i];
    }
    return start + ((RichLeaf) node).indexOfNewline(k);
  }

  /** How many '\n' lie in {@code [0, index)}. */
  int newlinesBefore(int index) {
    RichNode node = root;
    int pos = index;
    int before = 0;
    while (node instanceof RichBranch b) {
      int i = 0;
      while (i < b.count - 1 && pos >= b.lengths[i]) {
        pos -= b.lengths[i];
        before += b.newlineCounts[i++];
      }
      node = b.children[i];
    }
    return before + ((RichLeaf) node).countNewlines(0, pos);
  }

  void visit(int from, int to, RichNode.RunVisitor visitor) {
    if (from < to) {
      root.visit(from, to, visitor);
    }
  }

  /** Checks every structural invariant; for tests. */
  void checkInvariants() {
    if (root instanceof RichBranch b) {
      b.checkInvariants(true);
    } else {
      ((RichLeaf) root).checkInvariants();
    }
    RichLeaf.check(root.length() == length, "length " + length + " vs " + root.length());
    RichLeaf.check(root.newlines() == newlines, "newlines");
  }
}
