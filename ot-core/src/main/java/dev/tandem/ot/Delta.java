package dev.tandem.ot;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * An immutable rich-text operation with the semantics of Quill's Delta: a sequence of
 * {@link Op.Insert inserts}, {@link Op.Retain retains} and {@link Op.Delete deletes}. A
 * <em>document</em> is a Delta of inserts only.
 *
 * <p><b>Canonical form.</b> Every Delta is built by {@link Builder}, which normalizes exactly as
 * Quill's {@code push} and {@code chop} do: adjacent ops of the same kind and equal attributes are
 * merged, an insert next to a delete is placed before it, and a trailing plain retain is dropped.
 * So {@code equals} is structural: two Deltas that do the same thing are equal.
 *
 * <p><b>Lengths.</b> Lengths and positions are UTF-16 code units. A change keeps the rest of the
 * document implicitly (its trailing plain retain is dropped), so it applies to any document of at
 * least {@link #baseLength()} code units. Only documents have an exact length. Applying a change
 * to a document that is too short ({@link #apply}, {@link #invert}) throws
 * {@link IllegalArgumentException} naming both lengths.
 *
 * <p><b>Surrogate pairs.</b> The algebra works on code units and does not look at surrogates:
 * splitting an op may cut a pair, as in Quill. Keeping edits on character boundaries is checked
 * where text meets the outside world: {@code DeltaJson} refuses inserts with unpaired surrogates
 * and {@link RichDocument#apply} refuses changes whose boundaries fall inside a pair.
 *
 * <p><b>Laws</b> (checked by property tests; d is a document, a and b changes that fit it):
 * <pre>
 *   d.apply(a).apply(b)            = d.apply(a.compose(b))                     (compose)
 *   a.compose(b).compose(c)        = a.compose(b.compose(c))                   (associativity)
 *   a.compose(a.transform(b, p))   = b.compose(b.transform(a, !p))             (convergence, TP1)
 *   d.apply(a).apply(a.invert(d))  = d                                         (invert)
 *   a.transformPosition(i, p)      = where the character at i ends up after a, as transform places it
 * </pre>
 * {@code a.transform(b, p)}: b rewritten to apply after a; {@code p = true} means a happened first,
 * so a's inserts at the same position go first and a's attributes win.
 */
public final class Delta implements Iterable<Op> {

  /** The empty delta: no change, or the empty document. */
  public static final Delta EMPTY = new Delta(new Op[0]);

  /**
   * The canonical ops, never modified after construction. An array rather than an unmodifiable
   * list: every compose, transform and apply walks it, and the view's indirection and iterator
   * wrappers cost more than the walk for the small changes typing makes.
   */
  private final Op[] ops;
  /** {@link #ops()}: an unmodifiable view of {@link #ops}, made on first request. */
  private List<Op> view;
  private int hash;

  private Delta(Op[] ops) {
    this.ops = ops;
  }

  /** The op array itself, for this package's algorithms; callers must not modify it. */
  Op[] opArray() {
    return ops;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A document holding {@code text} without formatting. */
  public static Delta document(String text) {
    return builder().insert(text).build();
  }

  /** The normalized delta of {@code ops}. */
  public static Delta of(Op... ops) {
    Builder b = builder();
    for (Op op : ops) {
      b.add(op);
    }
    return b.build();
  }

  /** The normalized delta of {@code ops}. */
  public static Delta of(Iterable<? extends Op> ops) {
    Builder b = builder();
    for (Op op : ops) {
      b.add(op);
    }
    return b.build();
  }

  /** The ops, canonical and unmodifiable. */
  public List<Op> ops() {
    List<Op> v = view;
    if (v == null) {
      v = Collections.unmodifiableList(Arrays.asList(ops));
      view = v;
    }
    return v;
  }

  /** Iterates the ops in order; {@link Iterator#remove} is not supported. */
  @Override
  public Iterator<Op> iterator() {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < ops.length;
      }

      @Override
      public Op next() {
        if (next >= ops.length) {
          throw new NoSuchElementException();
        }
        return ops[next++];
      }
    };
  }

  public boolean isEmpty() {
    return ops.length == 0;
  }

  /** Quill's {@code length()}: the sum of all op lengths. For a document, its length. */
  public int length() {
    long sum = 0;
    for (Op op : ops) {
      sum += op.length();
    }
    return checkedInt(sum);
  }

  /** The length a document must have at least for this change to apply: retained + deleted. */
  public int baseLength() {
    long sum = 0;
    for (Op op : ops) {
      if (!(op instanceof Op.Insert)) {
        sum += op.length();
      }
    }
    return checkedInt(sum);
  }

  /** Quill's {@code changeLength()}: how much longer the document gets (inserted − deleted). */
  public int changeLength() {
    long sum = 0;
    for (Op op : ops) {
      switch (op) {
        case Op.Insert i -> sum += i.length();
        case Op.Delete d -> sum -= d.length();
        case Op.Retain r -> { }
      }
    }
    return checkedInt(sum);
  }

  private static int checkedInt(long sum) {
    if (sum > Integer.MAX_VALUE || sum < Integer.MIN_VALUE) {
      throw new IllegalArgumentException("delta length " + sum + " does not fit UTF-16 positions (int)");
    }
    return (int) sum;
  }

  /** True when every op is an insert (the empty delta is the empty document). */
  public boolean isDocument() {
    for (Op op : ops) {
      if (!(op instanceof Op.Insert)) {
        return false;
      }
    }
    return true;
  }

  /** The inserted text of a document, without formatting. */
  public String plainText() {
    StringBuilder sb = new StringBuilder();
    for (Op op : ops) {
      if (op instanceof Op.Insert ins) {
        sb.append(ins.text());
      } else {
        throw new IllegalStateException("plainText() needs a document; this delta has " + op);
      }
    }
    return sb.toString();
  }

  /**
   * Applies a change to this document: {@code this.compose(change)}, after checking that this is a
   * document and long enough.
   *
   * @throws IllegalArgumentException if this is not a document, or if {@code change} retains or
   *     deletes past the end of it (the message names both lengths)
   */
  public Delta apply(Delta change) {
    if (!isDocument()) {
      throw new IllegalArgumentException("apply needs a document (inserts only), not " + this);
    }
    int docLength = length();
    int needed = change.baseLength();
    if (needed > docLength) {
      throw new IllegalArgumentException("length mismatch: the change covers " + needed
          + " characters but the document has " + docLength);
    }
    return compose(change);
  }

  /**
   * Quill's {@code compose}: one delta with the effect of this followed by {@code other}.
   * Law: {@code d.apply(a).apply(b) = d.apply(a.compose(b))}. Past its last op this delta keeps
   * the rest of the document (an implicit retain), as in Quill.
   */
  public Delta compose(Delta other) {
    return DeltaAlgebra.compose(this, other);
  }

  /**
   * Quill's {@code transform}: {@code other} rewritten to apply after this, where both were made
   * against the same document. {@code priority = true} means this happened first: where both
   * insert at one position, this's insert stays first, and this's attributes win.
   * Law (TP1): {@code a.compose(a.transform(b, p)) = b.compose(b.transform(a, !p))}.
   */
  public Delta transform(Delta other, boolean priority) {
    return DeltaAlgebra.transform(this, other, priority);
  }

  /**
   * {@code change} transformed through each of {@code ops} in order ({@code ops} all apply, one
   * after another, to the document {@code change} was made against): the same as {@code for
   * (Delta op : ops) change = op.transform(change, priority)}, without a delta per step while
   * all are point edits (a retain, then one insert or delete: what typing makes).
   */
  public static Delta transformThrough(java.util.List<Delta> ops, Delta change, boolean priority) {
    return DeltaAlgebra.transformThrough(ops, change, priority);
  }

  /**
   * Quill's {@code transformPosition}: where position {@code index} (a caret between characters)
   * is after this change. An insert exactly at the index pushes it right unless {@code priority}
   * is true (the position's owner "was there first"); a deleted range collapses to its start.
   */
  public int transformPosition(int index, boolean priority) {
    return DeltaAlgebra.transformPosition(this, index, priority);
  }

  /**
   * Quill's {@code invert}: the change that undoes this one, given the document it was applied to.
   * Law: {@code base.apply(this).apply(this.invert(base)) = base}.
   *
   * @throws IllegalArgumentException if base is not a document or is shorter than this change needs
   */
  public Delta invert(Delta base) {
    return DeltaAlgebra.invert(this, base);
  }

  /** Quill's {@code slice}: the ops covering [start, end) of this delta's op lengths. */
  public Delta slice(int start, int end) {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad slice [" + start + ", " + end + ")");
    }
    Builder out = builder();
    OpIterator iter = new OpIterator(this);
    int index = 0;
    while (index < end && iter.hasNext()) {
      Op next;
      if (index < start) {
        next = iter.next(start - index);
      } else {
        next = iter.next(end - index);
        out.add(next);
      }
      index += next.length();
    }
    return out.build();
  }

  /** {@code slice(start, ∞)}. */
  public Delta slice(int start) {
    return slice(start, Integer.MAX_VALUE);
  }

  /** Quill's {@code concat}: this delta's ops followed by other's. */
  public Delta concat(Delta other) {
    return builder().addAll(ops, 0).addAll(other.ops, 0).build();
  }

  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof Delta other && Arrays.equals(ops, other.ops));
  }

  /** As {@link List#hashCode()} of {@link #ops()}. */
  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(ops);
      hash = h;
    }
    return h;
  }

  /** Compact notation: {@code [+"Hi"{bold=true}, =3, -2]}. */
  @Override
  public String toString() {
    return Arrays.toString(ops);
  }

  /**
   * Builds a canonical Delta, normalizing as Quill's {@code push} and {@code chop}: empty ops are
   * ignored, adjacent ops of one kind with equal attributes merge, an insert pushed after a delete
   * goes before it, and a trailing plain retain is dropped. Not thread-safe.
   */
  public static final class Builder {
    /**
     * Finished ops, {@code closed[0, closedCount)}. Invariant: the delta so far is closed + open
     * insert + pending delete, and a closed op never merges with what follows it (a closed insert
     * is followed by an insert of other attributes or by a retain; a closed delete by a retain).
     */
    private Op[] closed = new Op[4];
    private int closedCount;
    /**
     * The insert being extended, placed after the closed ops; {@code openAttributes == null} when
     * none. One piece is kept as {@code openString} (and {@code openOp}, the op it came from or was
     * made into, if any) so that an insert that merges with nothing is never copied; a second
     * piece moves the text into {@code openText}.
     */
    private Attributes openAttributes;
    private String openString;
    private Op.Insert openOp;
    private StringBuilder openText;
    /** A delete after the open insert, not yet closed; 0 when none. */
    private int pendingDelete;

    private Builder() {}

    public Builder insert(String text) {
      return insert(text, Attributes.EMPTY);
    }

    /** Inserts text; an empty text does nothing. Null-valued attributes are rejected. */
    public Builder insert(String text, Attributes attributes) {
      Objects.requireNonNull(text, "text");
      if (text.isEmpty()) {
        return this;
      }
      attributes = attributes == null ? Attributes.EMPTY : attributes;
      if (attributes.hasRemovals()) {
        throw new IllegalArgumentException(
            "insert attributes must not contain null (remove) values: " + attributes);
      }
      insertPiece(text, attributes, null);
      return this;
    }

    /** {@code op}: the insert {@code text} and {@code attributes} come from, or null. */
    private void insertPiece(String text, Attributes attributes, Op.Insert op) {
      if (openAttributes != null && openAttributes.equals(attributes)) {
        if (openText == null) {
          openText = new StringBuilder(openString.length() + text.length() + 16).append(openString);
          openString = null;
          openOp = null;
        }
        openText.append(text);
        return;
      }
      // A different insert: the open one is finished. A pending delete stays after the new open
      // insert, which is Quill's "insert before delete" rule.
      closeOpenInsert();
      openAttributes = attributes;
      openString = text;
      openOp = op;
    }

    public Builder retain(int length) {
      return retain(length, Attributes.EMPTY);
    }

    /** Retains {@code length} code units, applying {@code attributes}; 0 does nothing. */
    public Builder retain(int length, Attributes attributes) {
      checkLength("retain", length);
      if (length == 0) {
        return this;
      }
      attributes = attributes == null ? Attributes.EMPTY : attributes;
      closeOpenInsert();
      closePendingDelete();
      int last = closedCount - 1;
      if (last >= 0 && closed[last] instanceof Op.Retain r && r.attributes().equals(attributes)) {
        closed[last] = new Op.Retain(sum(r.length(), length), attributes);
      } else {
        close(new Op.Retain(length, attributes));
      }
      return this;
    }

    /** Deletes {@code length} code units; 0 does nothing. */
    public Builder delete(int length) {
      checkLength("delete", length);
      if (length == 0) {
        return this;
      }
      pendingDelete = sum(pendingDelete, length);
      return this;
    }

    public Builder add(Op op) {
      return switch (op) {
        case Op.Insert i -> {
          insertPiece(i.text(), i.attributes(), i); // validated when the op was made
          yield this;
        }
        case Op.Retain r -> retain(r.length(), r.attributes());
        case Op.Delete d -> delete(d.length());
      };
    }

    public Builder addAll(Iterable<? extends Op> ops) {
      for (Op op : ops) {
        add(op);
      }
      return this;
    }

    /** Adds {@code ops[from, ops.length)}. */
    Builder addAll(Op[] ops, int from) {
      for (int i = from; i < ops.length; i++) {
        add(ops[i]);
      }
      return this;
    }

    /**
     * The canonical Delta of everything added so far. The builder stays usable: adding more
     * afterwards continues (and merges with) the same sequence.
     */
    public Delta build() {
      Op open = openAttributes == null ? null : openInsert();
      int kept = closedCount;
      if (open == null && pendingDelete == 0 && kept > 0
          && closed[kept - 1] instanceof Op.Retain r && r.attributes().isEmpty()) {
        kept--; // a trailing plain retain changes nothing
      }
      int total = kept + (open == null ? 0 : 1) + (pendingDelete > 0 ? 1 : 0);
      if (total == 0) {
        return EMPTY;
      }
      Op[] result = Arrays.copyOf(closed, total);
      int n = kept;
      if (open != null) {
        result[n++] = open;
      }
      if (pendingDelete > 0) {
        result[n] = new Op.Delete(pendingDelete);
      }
      return new Delta(result);
    }

    /** The open insert as an op (requires one); a single piece's op is made once and reused. */
    private Op.Insert openInsert() {
      if (openText != null) {
        return new Op.Insert(openText.toString(), openAttributes);
      }
      if (openOp == null) {
        openOp = new Op.Insert(openString, openAttributes);
      }
      return openOp;
    }

    private void close(Op op) {
      if (closedCount == closed.length) {
        closed = Arrays.copyOf(closed, closedCount * 2);
      }
      closed[closedCount++] = op;
    }

    private void closeOpenInsert() {
      if (openAttributes != null) {
        close(openInsert());
        openAttributes = null;
        openString = null;
        openOp = null;
        openText = null;
      }
    }

    private void closePendingDelete() {
      if (pendingDelete > 0) {
        close(new Op.Delete(pendingDelete));
        pendingDelete = 0;
      }
    }

    private static int sum(int a, int b) {
      long total = (long) a + b;
      if (total > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("op length " + total + " exceeds " + Integer.MAX_VALUE);
      }
      return (int) total;
    }

    private static void checkLength(String kind, int length) {
      if (length < 0) {
        throw new IllegalArgumentException(kind + " length must not be negative, was " + length);
      }
    }
  }
}
