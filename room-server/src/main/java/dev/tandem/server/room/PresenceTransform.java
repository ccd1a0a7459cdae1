package dev.tandem.server.room;

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
        anchor = op.delta().transformPosition(anchor, false);
        head = op.delta().transformPosition(head, false);
      }
      moved.add(new Range(Math.min(anchor, documentLength), Math.min(head, documentLength)));
    }
    return moved;
  }
}
