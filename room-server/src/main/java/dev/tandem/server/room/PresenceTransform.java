package dev.tandem.server.room;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.Values.Range;
import dev.tandem.server.store.StoredOp;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves selections made at an older revision through the ops committed since, so every presence
 * the room forwards is valid at the revision it names. Text inserted exactly at a caret pushes the
 * caret right; a deleted range collapses to its start; results are clamped to the document.
 */
final class PresenceTransform {
  private PresenceTransform() {}

  static List<Range> to(List<Range> ranges, List<StoredOp> ops, int documentLength) {
    if (ranges.isEmpty()) {
      return ranges;
    }
    List<Range> moved = new ArrayList<>(ranges.size());
    for (Range r : ranges) {
      int anchor = r.anchor();
      int head = r.head();
      for (StoredOp op : ops) {
        anchor = moved(op.delta(), anchor);
        head = moved(op.delta(), head);
      }
      moved.add(new Range(Math.min(anchor, documentLength), Math.min(head, documentLength)));
    }
    return moved;
  }

  /**
   * {@code position} moved through {@code op}. A client may name any int position: one past the
   * end that the op's inserts push beyond 2^31 − 1 stays past the end (saturates), so the clamp
   * above puts it at the end, like any other position past the end.
   */
  private static int moved(Delta op, int position) {
    try {
      return op.transformPosition(position, false);
    } catch (ArithmeticException pastAnyDocument) {
      return Integer.MAX_VALUE;
    }
  }
}
