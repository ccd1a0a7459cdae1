package dev.tandem.sync.internal;

import dev.tandem.ot.Delta;
import dev.tandem.ot.Op;

/**
 * Recognises the edits typing makes: {@code [retain p] insert(text)} with no formatting, or
 * {@code [retain p] delete(n)}. A reusable holder (no allocation per keystroke) owned by the
 * engine thread; its fields are valid after {@link #parse} returned true.
 */
final class PlainEdit {
  int position;
  /** Code units deleted at {@link #position}; 0 for an insert. */
  int deleted;
  /** Text inserted at {@link #position}; empty for a delete. */
  String inserted;

  /** True when {@code change} is a plain insert or a plain delete, then described by the fields. */
  boolean parse(Delta change) {
    int p = 0;
    int d = 0;
    String s = "";
    int n = 0;
    for (Op op : change) {
      n++;
      if (op instanceof Op.Retain r && n == 1 && r.attributes().isEmpty()) {
        p = r.length();
      } else if (op instanceof Op.Insert i && i.attributes().isEmpty() && s.isEmpty() && d == 0) {
        s = i.text();
      } else if (op instanceof Op.Delete del && s.isEmpty() && d == 0) {
        d = del.length();
      } else {
        return false;
      }
    }
    if (s.isEmpty() && d == 0) {
      return false;
    }
    position = p;
    deleted = d;
    inserted = s;
    return true;
  }
}
