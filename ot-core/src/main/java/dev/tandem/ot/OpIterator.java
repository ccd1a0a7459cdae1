package dev.tandem.ot;

/**
 * Walks a list of ops, handing out pieces of a requested length (Quill's {@code OpIterator}).
 * Past the end it behaves as an endless plain retain, which is how a change implicitly keeps the
 * rest of the document. Not thread-safe; confined to the call that created it.
 */
final class OpIterator {
  /** Length reported for the implicit retain past the end. */
  static final int INFINITE = Integer.MAX_VALUE;

  private final Op[] ops;
  private int index;
  /** Code units of {@code ops[index]} already handed out. */
  private int offset;

  OpIterator(Delta delta) {
    this.ops = delta.opArray();
  }

  boolean hasNext() {
    return index < ops.length;
  }

  /** The next op (whole or what is left of it), or null at the end. */
  Op peek() {
    return index < ops.length ? ops[index] : null;
  }

  int peekLength() {
    return index < ops.length ? ops[index].length() - offset : INFINITE;
  }

  boolean peekIsInsert() {
    return index < ops.length && ops[index] instanceof Op.Insert;
  }

  boolean peekIsDelete() {
    return index < ops.length && ops[index] instanceof Op.Delete;
  }

  /** The rest of the current op. */
  Op next() {
    return next(INFINITE);
  }

  /** Up to {@code length} code units of the current op; an endless retain past the end. */
  Op next(int length) {
    if (index >= ops.length) {
      return new Op.Retain(length);
    }
    Op op = ops[index];
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

  /** Adds everything not yet handed out to {@code out}, the current op's remainder first. */
  void addRestTo(Delta.Builder out) {
    if (index >= ops.length) {
      return;
    }
    if (offset > 0) {
      out.add(next());
    }
    out.addAll(ops, index);
    index = ops.length;
  }
}
