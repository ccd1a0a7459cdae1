package dev.tandem.server.room;

import dev.tandem.server.store.Snapshot;
import dev.tandem.server.store.sqlite.SqliteRoomStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Times a room's reload from storage in-process, without sockets or fsync, for the reactivation
 * benchmark (docs/benchmarks.md (d)): {@code ReloadTimer <dataDir> <roomId> [repeats=30]}. Prints
 * the time to read and decode the latest snapshot alone, and the whole {@link RoomHistory#load}
 * (snapshot, tree, tail), per run and as percentiles, with the loading thread's CPU time (which
 * other processes on a busy machine do not inflate). Run against a stopped server (file lock).
 */
public final class ReloadTimer {
  private ReloadTimer() {}

  public static void main(String[] args) {
    Path data = Path.of(args[0]);
    String roomId = args[1];
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    double[] snapshotMs = new double[repeats];
    double[] loadMs = new double[repeats];
    double[] loadCpuMs = new double[repeats];
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    try (SqliteRoomStore store = SqliteRoomStore.open(data)) {
      for (int i = 0; i < repeats; i++) {
        long t0 = System.nanoTime();
        Optional<Snapshot> snapshot = store.latestSnapshot(roomId);
        long t1 = System.nanoTime();
        long c1 = cpu.getCurrentThreadCpuTime();
        RoomHistory history = RoomHistory.load(roomId, store, RoomConfig.DEFAULTS.recentOps());
        long t2 = System.nanoTime();
        loadCpuMs[i] = (cpu.getCurrentThreadCpuTime() - c1) / 1e6;
        snapshotMs[i] = (t1 - t0) / 1e6;
        loadMs[i] = (t2 - t1) / 1e6;
        System.out.printf("#%d snapshot read+decode %.1f ms (%,d chars), whole load %.1f ms (%.1f ms CPU of this thread; head %,d)%n",
            i + 1, snapshotMs[i], snapshot.map(s -> s.document().length()).orElse(0), loadMs[i], loadCpuMs[i], history.head());
      }
    }
    System.out.println("RESULT snapshot read+decode " + summary(snapshotMs) + "; whole load " + summary(loadMs)
        + "; its CPU time " + summary(loadCpuMs));
  }

  private static String summary(double[] ms) {
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    return String.format("min %.1f ms, p50 %.1f ms, max %.1f ms", sorted[0], sorted[sorted.length / 2],
        sorted[sorted.length - 1]);
  }
}
