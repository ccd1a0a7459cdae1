package dev.tandem.ot;

import java.util.ArrayList;
import java.util.List;

/**
 * Walks a list of ops, handing out pieces of a requested length (Quill's {@code OpIterator}).
 * Past the end it behaves as an endless plain retain, which is how a change implicitly keeps the
 * rest of the document. Not thread-safe; confined to the call that created it.
 */
final class OpIterator {
  /** Length reported for the implicit retain past the end. */
  static final int INFINITE = Integer.MAX_VALUE;

  private final List<Op> ops;
  private int index;
  /** Code units of {@code ops.get(index)} already handed out. */
  private int offset;

  OpIterator(List<Op> ops) {
    this.ops = ops;
  }

  boolean hasNext() {
    return index < ops.size();
  }

  /** The next op (whole or what is left of it), or null at the end. */
  Op peek() {
    return index < ops.size() ? ops.get(index) : null;
  }

  int peekLength() {
    return index < ops.size() ? ops.get(index).length() - offset : INFINITE;
  }

  boolean peekIsInsert() {
    return index < ops.size() && ops.get(index) instanceof Op.Insert;
  }

  boolean peekIsDelete() {
    return index < ops.size() && ops.get(index) instanceof Op.Delete;
  }

  /** The rest of the current op. */
  Op next() {
    return next(INFINITE);
  }

  /** Up to {@code length} code units of the current op; an endless retain past the end. */
  Op next(int length) {
    if (index >= ops.size()) {
      return new Op.Retain(length);
    }
    Op op = ops.get(index);
    int start = offset;
    int opLength = op.length();
    int take;
    if (length >= opLength - start) {
      take = opLength - start;
      index++;
      offset = 0;
    } else {
      take = length;
      offset += length;
    }
    if (start == 0 && take == opLength) {
      return op;
    }
    return switch (op) {
      case Op.Insert ins -> new Op.Insert(ins.text().substring(start, start + take), ins.attributes());
      case Op.Retain ret -> new Op.Retain(take, ret.attributes());
      case Op.Delete del -> new Op.Delete(take);
    };
  }

  /** Everything not yet handed out, the current op's remainder first. */
  List<Op> rest() {
    if (index >= ops.size()) {
      return List.of();
    }
    if (offset == 0) {
      return ops.subList(index, ops.size());
    }
    int savedIndex = index;
    int savedOffset = offset;
    Op head = next();
    List<Op> tail = ops.subList(index, ops.size());
    index = savedIndex;
    offset = savedOffset;
    ArrayList<Op> all = new ArrayList<>(tail.size() + 1);
    all.add(head);
    all.addAll(tail);
    return all;
  }
}
