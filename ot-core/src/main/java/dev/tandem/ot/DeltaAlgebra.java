package dev.tandem.ot;

import java.util.List;

/**
 * The algorithms behind {@link Delta}'s compose, transform, transformPosition and invert: ports of
 * Quill's, op by op, over {@link OpIterator}. The laws and tie-break rules are documented on
 * {@link Delta}; this class only computes. Pure functions; no state.
 */
final class DeltaAlgebra {
  private DeltaAlgebra() {}

  static Delta compose(Delta self, Delta other) {
    OpIterator thisIter = new OpIterator(self);
    OpIterator otherIter = new OpIterator(other);
    Delta.Builder out = Delta.builder();
    // Fast path: a leading plain retain in other passes self's leading inserts through whole.
    Op firstOther = otherIter.peek();
    if (firstOther instanceof Op.Retain r && r.attributes().isEmpty()) {
      int firstLeft = r.length();
      while (thisIter.peekIsInsert() && thisIter.peekLength() <= firstLeft) {
        firstLeft -= thisIter.peekLength();
        out.add(thisIter.next());
      }
      if (r.length() - firstLeft > 0) {
        otherIter.next(r.length() - firstLeft);
      }
    }
    while (thisIter.hasNext() || otherIter.hasNext()) {
      if (!otherIter.hasNext()) {
        // The rest of other is an implicit plain retain: self's remaining ops pass unchanged.
        thisIter.addRestTo(out);
        break;
      }
      if (otherIter.peekIsInsert()) {
        out.add(otherIter.next());
      } else if (thisIter.peekIsDelete()) {
        out.add(thisIter.next());
      } else {
        int length = Math.min(thisIter.peekLength(), otherIter.peekLength());
        Op thisOp = thisIter.next(length);
        Op otherOp = otherIter.next(length);
        if (otherOp instanceof Op.Retain otherRetain) {
          boolean thisIsRetain = thisOp instanceof Op.Retain;
          Attributes attributes =
              Attributes.compose(thisOp.attributes(), otherRetain.attributes(), thisIsRetain);
          if (thisOp instanceof Op.Insert ins) {
            out.insert(ins.text(), attributes);
          } else {
            out.retain(length, attributes);
          }
        } else if (thisOp instanceof Op.Retain) {
          // other deletes what self retained
          out.add(otherOp);
        }
        // else: other deletes what self inserted; they cancel out.
      }
    }
    return out.build();
  }

  static Delta transform(Delta self, Delta other, boolean priority) {
    if (isPointEdit(self.opArray()) && isPointEdit(other.opArray())) {
      return transformPointEdits(self.opArray(), other.opArray(), priority);
    }
    return transformGeneral(self, other, priority);
  }

  /** The general walk of both deltas (Quill's algorithm); {@link #transform} may shortcut it. */
  static Delta transformGeneral(Delta self, Delta other, boolean priority) {
    OpIterator thisIter = new OpIterator(self);
    OpIterator otherIter = new OpIterator(other);
    Delta.Builder out = Delta.builder();
    while (thisIter.hasNext() || otherIter.hasNext()) {
      if (thisIter.peekIsInsert() && (priority || !otherIter.peekIsInsert())) {
        out.retain(thisIter.next().length());
      } else if (otherIter.peekIsInsert()) {
        out.add(otherIter.next());
      } else {
        int length = Math.min(thisIter.peekLength(), otherIter.peekLength());
        Op thisOp = thisIter.next(length);
        Op otherOp = otherIter.next(length);
        if (thisOp instanceof Op.Delete) {
          // self deleted it: other's delete is redundant, other's retain has nothing to keep
          continue;
        } else if (otherOp instanceof Op.Delete) {
          out.add(otherOp);
        } else {
          out.retain(length, Attributes.transform(thisOp.attributes(), otherOp.attributes(), priority));
        }
      }
    }
    return out.build();
  }

  /**
   * One edit at one place, the shape typing makes: an optional retain without attributes, then
   * one insert or one delete (a canonical delta, so nothing follows).
   */
  private static boolean isPointEdit(Op[] ops) {
    if (ops.length == 1) {
      return !(ops[0] instanceof Op.Retain);
    }
    return ops.length == 2 && ops[0] instanceof Op.Retain r && r.attributes().isEmpty()
        && !(ops[1] instanceof Op.Retain);
  }

  /**
   * {@link #transformGeneral} for two point edits, in O(1): the same (canonical) result, computed
   * from the two positions. Self edits at {@code a}, other at {@code b}; an insert of self at the
   * same place as other's insert goes first when {@code priority}; other's delete over self's
   * insert is split around it; ranges both delete are deleted once.
   */
  private static Delta transformPointEdits(Op[] self, Op[] other, boolean priority) {
    int a = self.length == 2 ? self[0].length() : 0;
    Op selfEdit = self[self.length - 1];
    int b = other.length == 2 ? other[0].length() : 0;
    Op otherEdit = other[other.length - 1];
    Delta.Builder out = Delta.builder();
    if (otherEdit instanceof Op.Insert insert) {
      int at;
      if (selfEdit instanceof Op.Insert mine) {
        at = a < b || (a == b && priority) ? b + mine.length() : b;
      } else {
        int n = selfEdit.length(); // self deleted [a, a + n)
        at = b <= a ? b : b < a + n ? a : b - n;
      }
      return out.retain(at).add(insert).build();
    }
    int m = otherEdit.length(); // other deletes [b, b + m)
    if (selfEdit instanceof Op.Insert mine) {
      int length = mine.length();
      if (a <= b) {
        return out.retain(b + length).delete(m).build();
      }
      if (a >= b + m) {
        return out.retain(b).delete(m).build();
      }
      return out.retain(b).delete(a - b).retain(length).delete(b + m - a).build();
    }
    int n = selfEdit.length(); // self deleted [a, a + n)
    int deletedBefore = Math.max(0, Math.min(b, a + n) - a);
    int deletedOfOthers = Math.max(0, Math.min(b + m, a + n) - Math.max(b, a));
    return out.retain(b - deletedBefore).delete(m - deletedOfOthers).build();
  }

  /**
   * {@code change} transformed through each of {@code ops} in order: exactly {@code for (Delta op :
   * ops) change = op.transform(change, priority)}. While both sides are point edits (typing
   * through typing, the server's rebase of an op through those committed since its base) the
   * position and length are carried along in O(1) per step with {@link #transformPointEdits}'s
   * rules and one delta is built at the end, instead of one per step; at the first step whose
   * result is not a point edit (a delete split around an insert, or deleted away) that result is
   * built and the rest is the plain loop.
   */
  static Delta transformThrough(List<Delta> ops, Delta change, boolean priority) {
    Op[] edit = change.opArray();
    int i = 0;
    if (isPointEdit(edit)) {
      int b = edit.length == 2 ? edit[0].length() : 0;
      Op otherEdit = edit[edit.length - 1];
      int m = otherEdit.length(); // a delete's length; an insert keeps its op
      boolean moved = false;
      for (; i < ops.size(); i++) {
        Op[] self = ops.get(i).opArray();
        if (!isPointEdit(self)) {
          break;
        }
        int a = self.length == 2 ? self[0].length() : 0;
        Op selfEdit = self[self.length - 1];
        if (otherEdit instanceof Op.Insert) {
          if (selfEdit instanceof Op.Insert mine) {
            b = a < b || (a == b && priority) ? b + mine.length() : b;
          } else {
            int n = selfEdit.length();
            b = b <= a ? b : b < a + n ? a : b - n;
          }
        } else if (selfEdit instanceof Op.Insert mine) {
          if (a <= b) {
            b += mine.length();
          } else if (a < b + m) {
            break; // the delete is split around the insert: not a point edit any more
          }
        } else {
          int n = selfEdit.length();
          int deletedBefore = Math.max(0, Math.min(b, a + n) - a);
          int deletedOfOthers = Math.max(0, Math.min(b + m, a + n) - Math.max(b, a));
          if (deletedOfOthers == m) {
            break; // deleted away entirely
          }
          b -= deletedBefore;
          m -= deletedOfOthers;
        }
        moved = true;
      }
      if (moved) {
        Delta.Builder out = Delta.builder().retain(b);
        change = (otherEdit instanceof Op.Insert ? out.add(otherEdit) : out.delete(m)).build();
      }
    }
    for (; i < ops.size(); i++) {
      change = ops.get(i).transform(change, priority);
    }
    return change;
  }

  static int transformPosition(Delta self, int index, boolean priority) {
    if (index < 0) {
      throw new IllegalArgumentException("position must not be negative, was " + index);
    }
    long position = index;
    long offset = 0;
    for (Op op : self.opArray()) {
      if (offset > position) {
        break;
      }
      int length = op.length();
      if (op instanceof Op.Delete) {
        position -= Math.min(length, position - offset);
        continue;
      } else if (op instanceof Op.Insert && (offset < position || !priority)) {
        position += length;
      }
      offset += length;
    }
    return Math.toIntExact(position);
  }

  static Delta invert(Delta self, Delta base) {
    if (!base.isDocument()) {
      throw new IllegalArgumentException("invert needs the base document (inserts only), not " + base);
    }
    int needed = self.baseLength();
    int baseLength = base.length();
    if (needed > baseLength) {
      throw new IllegalArgumentException("length mismatch: the change covers " + needed
          + " characters but the base document has " + baseLength);
    }
    Delta.Builder inverted = Delta.builder();
    OpIterator baseIter = new OpIterator(base);
    for (Op op : self.opArray()) {
      switch (op) {
        case Op.Insert ins -> inverted.delete(ins.length());
        case Op.Retain ret when ret.attributes().isEmpty() -> {
          inverted.retain(ret.length());
          skip(baseIter, ret.length());
        }
        case Op.Retain ret -> {
          int left = ret.length();
          while (left > 0) {
            Op baseOp = baseIter.next(left);
            inverted.retain(baseOp.length(), Attributes.invert(ret.attributes(), baseOp.attributes()));
            left -= baseOp.length();
          }
        }
        case Op.Delete del -> {
          int left = del.length();
          while (left > 0) {
            Op baseOp = baseIter.next(left);
            inverted.add(baseOp);
            left -= baseOp.length();
          }
        }
      }
    }
    return inverted.build();
  }

  private static void skip(OpIterator iter, int length) {
    while (length > 0) {
      length -= iter.next(length).length();
    }
  }
}
