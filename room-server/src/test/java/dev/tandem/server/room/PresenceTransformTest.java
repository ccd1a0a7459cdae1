package dev.tandem.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.Values.Range;
import dev.tandem.server.store.StoredOp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PresenceTransformTest {
  static StoredOp op(long rev, Delta d) {
    return new StoredOp(rev, "c", rev, d, "n", Instant.EPOCH);
  }

  @Test
  void insertAtACaretPushesItAndDeletesCollapseRanges() {
    List<StoredOp> ops = List.of(
        op(1, Delta.builder().retain(2).insert("ab").build()),   // insert at the caret at 2
        op(2, Delta.builder().retain(5).delete(3).build()));      // deletes [5, 8)
    List<Range> moved = PresenceTransform.to(List.of(new Range(2, 2), new Range(4, 9)), ops, 100);
    assertThat(moved).containsExactly(new Range(4, 4), new Range(5, 8));
  }

  @Test
  void clampsToTheDocument() {
    assertThat(PresenceTransform.to(List.of(new Range(50, 60)), List.of(), 10)).containsExactly(new Range(10, 10));
  }
}
