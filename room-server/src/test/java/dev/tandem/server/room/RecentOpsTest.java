package dev.tandem.server.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.ot.Delta;
import dev.tandem.server.store.StoredOp;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentOpsTest {
  static StoredOp op(long rev) {
    return new StoredOp(rev, "c", rev, Delta.builder().insert("x").build(), "n", Instant.EPOCH);
  }

  @Test
  void keepsTheNewestDurableOpsUpToCapacity() {
    RecentOps recent = new RecentOps(10, 3);
    for (long rev = 11; rev <= 15; rev++) {
      recent.add(op(rev), rev);
    }
    assertThat(recent.size()).isEqualTo(3);
    assertThat(recent.oldestKept()).isEqualTo(13);
    assertThat(recent.after(12)).extracting(StoredOp::rev).containsExactly(13L, 14L, 15L);
    assertThat(recent.after(14)).extracting(StoredOp::rev).containsExactly(15L);
    assertThat(recent.after(15)).isEmpty();
    assertThat(recent.after(11)).as("rev 12 left memory").isNull();
  }

  @Test
  void neverEvictsAnOpThatIsNotDurable() {
    RecentOps recent = new RecentOps(0, 2);
    for (long rev = 1; rev <= 5; rev++) {
      recent.add(op(rev), 0); // nothing durable yet
    }
    assertThat(recent.after(0)).extracting(StoredOp::rev).containsExactly(1L, 2L, 3L, 4L, 5L);
    recent.add(op(6), 6);
    assertThat(recent.head()).isEqualTo(6);
  }

  @Test
  void refusesAGap() {
    RecentOps recent = new RecentOps(0, 2);
    assertThatThrownBy(() -> recent.add(op(2), 2)).isInstanceOf(IllegalArgumentException.class);
  }
}
