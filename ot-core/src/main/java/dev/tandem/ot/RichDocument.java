package dev.tandem.ot;

import java.util.Objects;

/**
 * A mutable rich-text document for large texts: the same content as a document {@link Delta}
 * (inserts only), kept in a balanced tree of styled text chunks so that {@link #apply applying} a
 * small change to a megabyte document costs O(log n + change size), never a copy.
 *
 * <p><b>Threads.</b> Not thread-safe: one thread owns a document at a time (a room's thread, or the
 * FX thread in the editor). Hand it over only through a happens-before edge such as a queue.
 *
 * <p><b>Positions</b> are UTF-16 code units, as in {@link Delta}. Edits never split a surrogate
 * pair: a change whose boundaries would fall between a high and a low surrogate is rejected.
 *
 * <p><b>Paragraphs.</b> Paragraph {@code p} runs from just after the p-th {@code '\n'} up to and
 * including the next one; its block formats are the attributes of that {@code '\n'}. There is
 * always one more paragraph than there are newlines: the last one has no newline (it is empty in a
 * Quill document, which ends with {@code '\n'}) and its attributes are {@link Attributes#EMPTY}.
 * A document need not end with {@code '\n'}.
 */
public final class RichDocument {
  /** Leaf capacity in code units: large enough for cheap descents, small enough for cheap inserts. */
  static final int LEAF_CAPACITY = 512;
  static final int MAX_CHILDREN = 32;

  private final RichTree tree;

  /** A document with small nodes, so that tests exercise splits and merges. */
  RichDocument(int leafCapacity, int maxChildren) {
    tree = new RichTree(leafCapacity, maxChildren);
  }

  /** The empty document. */
  public static RichDocument empty() {
    return new RichDocument(LEAF_CAPACITY, MAX_CHILDREN);
  }

  /**
   * A document holding {@code document}'s text and formats. Built bottom-up: O(document size).
   *
   * @throws IllegalArgumentException if {@code document} is not a document (has a retain or delete)
   */
  public static RichDocument of(Delta document) {
    return of(document, LEAF_CAPACITY, MAX_CHILDREN);
  }

  /** A document holding {@code runs}' text and formats. Built bottom-up: O(document size). */
  public static RichDocument of(DocumentRuns runs) {
    return new RichDocument(RichTree.build(runs.inserts(), runs.length(), LEAF_CAPACITY, MAX_CHILDREN));
  }

  static RichDocument of(Delta document, int leafCapacity, int maxChildren) {
    if (!document.isDocument()) {
      throw new IllegalArgumentException("not a document (inserts only): " + document);
    }
    java.util.List<Op.Insert> inserts = new java.util.ArrayList<>();
    for (Op op : document) {
      inserts.add((Op.Insert) op);
    }
    return new RichDocument(RichTree.build(inserts, document.length(), leafCapacity, maxChildren));
  }

  /**
   * The same document built by inserting each op at the end, the way {@link #of} worked before
   * it built trees bottom-up; for tests that compare the two.
   */
  static RichDocument ofByInserts(Delta document, int leafCapacity, int maxChildren) {
    RichDocument result = new RichDocument(leafCapacity, maxChildren);
    for (Op op : document) {
      Op.Insert insert = (Op.Insert) op;
      result.tree.insert(result.length(), insert.text(), insert.attributes());
    }
    return result;
  }

  private RichDocument(RichTree tree) {
    this.tree = tree;
  }

  /** Length in UTF-16 code units. O(1). */
  public int length() {
    return tree.length();
  }

  /** The text without formats. O(n). */
  public String text() {
    return text(0, length());
  }

  /** The text of {@code [start, end)} without formats. O(log n + end - start). */
  public String text(int start, int end) {
    Objects.checkFromToIndex(start, end, length());
    StringBuilder sb = new StringBuilder(end - start);
    tree.visit(start, end, (chars, from, to, attributes) -> sb.append(chars, from, to - from));
    return sb.toString();
  }

  /** The code unit at {@code index}. O(log n), O(1) next to the previous edit or lookup. */
  public char charAt(int index) {
    Objects.checkIndex(index, length());
    return tree.charAt(index);
  }

  /** The formats of the character at {@code index} (never containing nulls). O(log n). */
  public Attributes attributesAt(int index) {
    Objects.checkIndex(index, length());
    return tree.attributesAt(index);
  }

  /**
   * This content in compact form ({@link DocumentRuns}: one string and run arrays), equal to
   * {@code DocumentRuns.of(toDelta())} without making a Delta. O(n).
   */
  public DocumentRuns runs() {
    return DocumentRuns.of(tree);
  }

  /** The canonical document Delta of this content: {@code RichDocument.of(d).toDelta().equals(d)}. */
  public Delta toDelta() {
    return slice(0, length());
  }

  /** The document Delta of {@code [start, end)}, as {@code toDelta().slice(start, end)}. */
  public Delta slice(int start, int end) {
    Objects.checkFromToIndex(start, end, length());
    Delta.Builder builder = Delta.builder();
    tree.visit(start, end,
        (chars, from, to, attributes) -> builder.insert(new String(chars, from, to - from), attributes));
    return builder.build();
  }

  /**
   * Applies {@code change} in place: afterwards {@code toDelta()} equals
   * {@code before.apply(change)}. Retained text is reformatted with
   * {@code Attributes.compose(old, change, false)} (nulls remove). Costs O(ops · log n + change
   * size). Nothing is modified when it throws.
   *
   * @throws IllegalArgumentException if the change covers more than {@link #length()} (the message
   *     names both lengths) or if one of its boundaries would split a surrogate pair
   */
  public void apply(Delta change) {
    int needed = change.baseLength();
    if (needed > length()) {
      throw new IllegalArgumentException("length mismatch: the change covers " + needed
          + " characters but the document has " + length());
    }
    int base = 0;
    for (Op op : change.opArray()) {
      checkBoundary(base, change);
      if (!(op instanceof Op.Insert)) {
        base += op.length();
        checkBoundary(base, change);
      }
    }
    int index = 0;
    for (Op op : change.opArray()) {
      switch (op) {
        case Op.Insert insert -> {
          tree.insert(index, insert.text(), insert.attributes());
          index += insert.length();
        }
        case Op.Retain retain -> {
          if (!retain.attributes().isEmpty()) {
            tree.format(index, index + retain.length(), retain.attributes());
          }
          index += retain.length();
        }
        case Op.Delete delete -> tree.delete(index, delete.length());
      }
    }
  }

  private void checkBoundary(int position, Object edit) {
    if (splitsSurrogatePair(position)) {
      throw new IllegalArgumentException(
          "edit would split the surrogate pair at " + (position - 1) + ": " + edit);
    }
  }

  private boolean splitsSurrogatePair(int position) {
    return position > 0 && position < length() && tree.splitsSurrogatePair(position);
  }

  /**
   * Inserts {@code text} with exactly {@code attributes} (no inheritance from neighbours) at
   * {@code index}. O(log n + text length); O(text length) when typing next to the previous edit.
   *
   * @throws IndexOutOfBoundsException if index is outside {@code [0, length()]}
   * @throws IllegalArgumentException if attributes hold a null (remove) value, or index would split
   *     a surrogate pair
   */
  public void insert(int index, String text, Attributes attributes) {
    Objects.checkIndex(index, length() + 1);
    if (attributes.hasRemovals()) {
      throw new IllegalArgumentException("insert attributes must not remove: " + attributes);
    }
    if (splitsSurrogatePair(index)) {
      throw new IllegalArgumentException("insert at " + index + " would split a surrogate pair");
    }
    tree.insert(index, text, attributes);
  }

  /**
   * Deletes {@code [index, index + length)}. O(log n + length).
   *
   * @throws IndexOutOfBoundsException if the range is not inside the document
   * @throws IllegalArgumentException if either end would split a surrogate pair
   */
  public void delete(int index, int length) {
    Objects.checkFromIndexSize(index, length, length());
    if (length == 0) {
      return;
    }
    if (splitsSurrogatePair(index) || splitsSurrogatePair(index + length)) {
      throw new IllegalArgumentException(
          "deleting " + length + " at " + index + " would split a surrogate pair");
    }
    tree.delete(index, length);
  }

  /** Number of paragraphs: newlines + 1 (see the class comment). O(1). */
  public int paragraphCount() {
    return tree.newlines() + 1;
  }

  /** Position of the first character of paragraph {@code paragraphIndex}. O(log n). */
  public int paragraphStart(int paragraphIndex) {
    Objects.checkIndex(paragraphIndex, paragraphCount());
    return paragraphIndex == 0 ? 0 : tree.indexOfNewline(paragraphIndex - 1) + 1;
  }

  /** The paragraph holding position {@code index}, in {@code [0, length()]}. O(log n). */
  public int paragraphOf(int index) {
    Objects.checkIndex(index, length() + 1);
    return tree.newlinesBefore(index);
  }

  /** Block formats of a paragraph: those of its closing {@code '\n'}; EMPTY for the last. O(log n). */
  public Attributes paragraphAttributes(int paragraphIndex) {
    Objects.checkIndex(paragraphIndex, paragraphCount());
    return paragraphIndex == tree.newlines()
        ? Attributes.EMPTY
        : tree.attributesAt(tree.indexOfNewline(paragraphIndex));
  }

  /** Checks the tree's structural invariants; for tests. */
  void checkInvariants() {
    tree.checkInvariants();
  }

  /** The text, for debugging; O(n). */
  @Override
  public String toString() {
    return "RichDocument" + toDelta();
  }
}
