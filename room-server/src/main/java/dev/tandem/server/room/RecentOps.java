package dev.tandem.server.room;

import dev.tandem.server.store.StoredOp;
import java.util.ArrayList;
import java.util.List;

/**
 * The newest committed ops of a room, kept in memory so that stale ops and reconnects can be
 * served without reading storage: revs {@code (oldestKept - 1, head]} in a ring buffer.
 *
 * <p>Invariants: ops are contiguous by rev; an op that is not yet durable is never evicted (the
 * buffer grows past its capacity instead), so storage plus this window always covers the whole
 * history. Owned by the room's thread.
 */
final class RecentOps {
  private final int capacity;
  private StoredOp[] ring;
  /** Index in {@link #ring} of the oldest op kept. */
  private int start;
  private int size;
  /** Rev of the newest op recorded (or the head the room was loaded at). */
  private long head;

  RecentOps(long head, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, was " + capacity);
    }
    this.capacity = capacity;
    this.ring = new StoredOp[Math.min(capacity, 64)];
    this.head = head;
  }

  long head() {
    return head;
  }

  /** Rev of the oldest op kept, or {@code head + 1} when none is kept. */
  long oldestKept() {
    return head - size + 1;
  }

  /**
   * Records the next op; {@code op.rev()} must be {@code head + 1}. When the buffer is at capacity
   * the oldest op is forgotten if it is durable ({@code rev ≤ durableRev}); otherwise it grows.
   */
  void add(StoredOp op, long durableRev) {
    if (op.rev() != head + 1) {
      throw new IllegalArgumentException("op rev " + op.rev() + " does not follow head " + head);
    }
    if (size == ring.length) {
      if (ring.length < capacity || ring[start].rev() > durableRev) {
        grow();
      } else {
        ring[start] = null;
        start = (start + 1) % ring.length;
        size--;
      }
    }
    ring[(start + size) % ring.length] = op;
    size++;
    head = op.rev();
  }

  /**
   * Ops with {@code base < rev ≤ head} in rev order, or {@code null} when some of them are no
   * longer in memory (the caller reads those from storage).
   */
  List<StoredOp> after(long base) {
    if (base < oldestKept() - 1) {
      return null;
    }
    int skip = (int) (base - (oldestKept() - 1));
    List<StoredOp> result = new ArrayList<>(size - skip);
    for (int i = skip; i < size; i++) {
      result.add(ring[(start + i) % ring.length]);
    }
    return result;
  }

  int size() {
    return size;
  }

  private void grow() {
    StoredOp[] bigger = new StoredOp[Math.max(ring.length < capacity ? Math.min(capacity, ring.length * 2) : ring.length * 2, 1)];
    for (int i = 0; i < size; i++) {
      bigger[i] = ring[(start + i) % ring.length];
    }
    ring = bigger;
    start = 0;
  }
}
