package dev.tandem.server.room;

import dev.tandem.protocol.Values.Limits;
import java.time.Duration;
import java.util.Objects;

/**
 * How rooms behave: the limits announced to clients, how much history stays in memory, how often
 * a snapshot is written, and how long an idle room waits before it hibernates.
 *
 * @param limits the limits sent in {@code welcome} and enforced by the room and transport
 * @param recentOps committed ops kept in memory per room (stale ops older than that read storage)
 * @param snapshotEvery write a snapshot after at least this many ops since the last one. The room
 *     stretches the interval when its last snapshot cost more than about 5 µs of CPU per op of the
 *     interval (large documents of many formatting runs), up to 10 × {@code snapshotEvery}
 *     ({@code RoomEdits.snapshotInterval}); so activating a room replays at most
 *     {@code 10 × snapshotEvery} ops (plus the ops of the last group commit) after its latest
 *     snapshot. A snapshot that fails only lengthens that replay.
 * @param maxCatchUpOps a reconnect further behind than this gets a snapshot instead of ops
 * @param hibernateAfter idle time after which a room drops its document and history from memory
 */
public record RoomConfig(Limits limits, int recentOps, int snapshotEvery, int maxCatchUpOps,
    Duration hibernateAfter) {

  public static final RoomConfig DEFAULTS =
      new RoomConfig(Limits.DEFAULTS, 1_000, 1_000, 2_000, Duration.ofSeconds(10));

  public RoomConfig {
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(hibernateAfter, "hibernateAfter");
    if (recentOps < 1 || snapshotEvery < 1 || maxCatchUpOps < 0) {
      throw new IllegalArgumentException("recentOps and snapshotEvery must be positive");
    }
  }

  public RoomConfig withHibernateAfter(Duration after) {
    return new RoomConfig(limits, recentOps, snapshotEvery, maxCatchUpOps, after);
  }

  public RoomConfig withSnapshotEvery(int every) {
    return new RoomConfig(limits, recentOps, every, maxCatchUpOps, hibernateAfter);
  }

  public RoomConfig withLimits(Limits newLimits) {
    return new RoomConfig(newLimits, recentOps, snapshotEvery, maxCatchUpOps, hibernateAfter);
  }
}
