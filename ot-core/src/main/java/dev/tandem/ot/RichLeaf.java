package dev.tandem.ot;

import java.util.Arrays;

/**
 * A chunk of text with its style runs. Owned by the thread that owns the {@link RichDocument}.
 *
 * <p>Invariants: {@code chars[0, length)} is the text; the runs {@code runLengths[0, runCount)}
 * are positive and sum to {@code length}; adjacent runs have different attributes (runs of
 * neighbouring leaves may be equal); {@code runAttributes[i]} is null for {@code i ≥ runCount}.
 */
final class RichLeaf extends RichNode {
  final char[] chars;
  int length;
  private int[] runLengths = new int[2];
  private Attributes[] runAttributes = new Attributes[2];
  private int runCount;
  /** Below this many code units a non-root leaf is merged with a neighbour. */
  private final int minLength;

  RichLeaf(int capacity) {
    chars = new char[capacity];
    minLength = Math.max(1, capacity / 4);
  }

  int capacity() {
    return chars.length;
  }

  @Override
  int length() {
    return length;
  }

  @Override
  int newlines() {
    return countNewlines(0, length);
  }

  @Override
  boolean underfull() {
    return length < minLength;
  }

  int countNewlines(int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      if (chars[i] == '\n') {
        n++;
      }
    }
    return n;
  }

  /** Position of the k-th (0-based) '\n' in this leaf; the leaf must hold more than k. */
  int indexOfNewline(int k) {
    for (int i = 0; ; i++) {
      if (chars[i] == '\n' && k-- == 0) {
        return i;
      }
    }
  }

  Attributes attributesAt(int offset) {
    int start = 0;
    for (int r = 0; ; r++) {
      start += runLengths[r];
      if (offset < start) {
        return runAttributes[r];
      }
    }
  }

  /** Inserts {@code text[from, to)}; the caller guarantees it fits. */
  void insert(int offset, String text, int from, int to, Attributes attributes) {
    int k = to - from;
    System.arraycopy(chars, offset, chars, offset + k, length - offset);
    text.getChars(from, to, chars, offset);
    length += k;
    if (runCount == 0) {
      insertRun(0, k, attributes);
      return;
    }
    // r: the first run ending at or after offset, so an insert at a run end extends that run.
    int r = 0;
    int start = 0;
    while (start + runLengths[r] < offset) {
      start += runLengths[r++];
    }
    int end = start + runLengths[r];
    if (runAttributes[r].equals(attributes)) {
      runLengths[r] += k;
    } else if (offset == end && r + 1 < runCount && runAttributes[r + 1].equals(attributes)) {
      runLengths[r + 1] += k;
    } else if (offset == end) {
      insertRun(r + 1, k, attributes);
    } else if (offset == start) {
      insertRun(r, k, attributes);
    } else {
      runLengths[r] = offset - start;
      insertRun(r + 1, k, attributes);
      insertRun(r + 2, end - offset, runAttributes[r]);
    }
  }

  /** Removes {@code [from, to)}, possibly all of the leaf; returns the '\n' removed. */
  @Override
  int delete(int from, int to) {
    int removedNewlines = countNewlines(from, to);
    System.arraycopy(chars, to, chars, from, length - to);
    length -= to - from;
    int r = 0;
    int start = 0;
    while (start + runLengths[r] <= from) {
      start += runLengths[r++];
    }
    int write = r;
    for (; r < runCount; r++) {
      int end = start + runLengths[r];
      int overlap = Math.max(0, Math.min(end, to) - Math.max(start, from));
      write = compactRun(write, runLengths[r] - overlap, runAttributes[r]);
      start = end;
    }
    truncateRuns(write);
    return removedNewlines;
  }

  /**
   * One step of compacting the runs in place: puts a run at {@code write}, or extends run
   * {@code write - 1} when its attributes are equal; returns the next write index. Requires
   * {@code write} ≤ the index being read.
   */
  private int compactRun(int write, int runLength, Attributes attributes) {
    if (runLength == 0) {
      return write;
    }
    if (write > 0 && runAttributes[write - 1].equals(attributes)) {
      runLengths[write - 1] += runLength;
      return write;
    }
    runLengths[write] = runLength;
    runAttributes[write] = attributes;
    return write + 1;
  }

  private void truncateRuns(int newCount) {
    Arrays.fill(runAttributes, newCount, runCount, null);
    runCount = newCount;
  }

  @Override
  void format(int from, int to, Attributes attributes) {
    splitRunAt(from);
    splitRunAt(to);
    int start = 0;
    for (int r = 0; r < runCount && start < to; r++) {
      if (start >= from) {
        runAttributes[r] = Attributes.compose(runAttributes[r], attributes, false);
      }
      start += runLengths[r];
    }
    int write = 0;
    for (int r = 0; r < runCount; r++) {
      write = compactRun(write, runLengths[r], runAttributes[r]);
    }
    truncateRuns(write);
  }

  /** Makes {@code offset} a run boundary. */
  private void splitRunAt(int offset) {
    int start = 0;
    for (int r = 0; r < runCount; r++) {
      int end = start + runLengths[r];
      if (offset > start && offset < end) {
        runLengths[r] = offset - start;
        insertRun(r + 1, end - offset, runAttributes[r]);
        return;
      }
      start = end;
    }
  }

  private void insertRun(int index, int runLength, Attributes attributes) {
    if (runCount == runLengths.length) {
      runLengths = Arrays.copyOf(runLengths, runCount * 2);
      runAttributes = Arrays.copyOf(runAttributes, runCount * 2);
    }
    System.arraycopy(runLengths, index, runLengths, index + 1, runCount - index);
    System.arraycopy(runAttributes, index, runAttributes, index + 1, runCount - index);
    runLengths[index] = runLength;
    runAttributes[index] = attributes;
    runCount++;
  }

  /** Appends {@code other[from, to)} with its formats; the caller guarantees it fits. */
  void appendFrom(RichLeaf other, int from, int to) {
    System.arraycopy(other.chars, from, chars, length, to - from);
    length += to - from;
    other.visit(from, to, (c, f, t, attributes) -> {
      if (runCount > 0 && runAttributes[runCount - 1].equals(attributes)) {
        runLengths[runCount - 1] += t - f;
      } else {
        insertRun(runCount, t - f, attributes);
      }
    });
  }

  /** Moves the upper half of this leaf into a new leaf, which it returns. */
  RichLeaf split() {
    RichLeaf right = new RichLeaf(chars.length);
    int mid = length / 2;
    right.appendFrom(this, mid, length);
    delete(mid, length);
    return right;
  }

  @Override
  void visit(int from, int to, RunVisitor visitor) {
    int start = 0;
    for (int r = 0; r < runCount && start < to; r++) {
      int end = start + runLengths[r];
      if (end > from) {
        visitor.run(chars, Math.max(start, from), Math.min(end, to), runAttributes[r]);
      }
      start = end;
    }
  }

  /** Checks the invariants in the class comment; for tests. */
  void checkInvariants() {
    int sum = 0;
    for (int r = 0; r < runCount; r++) {
      check(runLengths[r] > 0, "empty run");
      check(r == 0 || !runAttributes[r].equals(runAttributes[r - 1]), "unmerged runs");
      sum += runLengths[r];
    }
    check(sum == length, "runs cover " + sum + " of " + length);
    for (int r = runCount; r < runAttributes.length; r++) {
      check(runAttributes[r] == null, "stale run");
    }
  }

  static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException("broken tree: " + message);
    }
  }
}
