package dev.tandem.app.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's CPU time from {@code /proc/stat} (Linux), so that a run says how busy the
 * machine was and how much of its virtual CPUs' time the hypervisor gave to other guests
 * ("steal"), and how fast one core ran a fixed piece of work just before: on this VM the same
 * code has run 2-3 times slower in some hours than in others, with little steal, so a run's figures
 * compare only with runs of a similar speed (docs/benchmarks.md, "Keystroke pass 9"). The counters
 * are absent where there is no {@code /proc/stat}.
 */
record MachineCpu(long user, long system, long idle, long steal, long total) {

  /** The counters now, or null where {@code /proc/stat} cannot be read. */
  static MachineCpu now() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      // cpu user nice system idle iowait irq softirq steal guest guest_nice (clock ticks)
      long user = Long.parseLong(f[1]) + Long.parseLong(f[2]);
      long system = Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7]);
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      long steal = Long.parseLong(f[8]);
      return new MachineCpu(user, system, idle, steal, user + system + idle + steal);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Milliseconds one core takes for a fixed piece of ordinary Java work (200,000 random keys into
   * a {@code TreeMap} and summed back, best of 5: allocation, pointer chasing and branches, like
   * the editor's own work): the machine's speed at the time, for comparing runs of different
   * hours. Run before measuring; the first rounds also warm it up.
   */
  static double speedProbeMillis() {
    double best = Double.MAX_VALUE;
    long check = 0;
    for (int round = 0; round < 5; round++) {
      long t0 = System.nanoTime();
      java.util.SplittableRandom random = new java.util.SplittableRandom(42);
      java.util.TreeMap<Integer, Integer> map = new java.util.TreeMap<>();
      for (int i = 0; i < 200_000; i++) {
        map.put(random.nextInt(), i);
      }
      for (int v : map.values()) {
        check += v;
      }
      best = Math.min(best, (System.nanoTime() - t0) / 1e6);
    }
    if (check == 42) { // keeps the work from being optimised away; never true
      System.out.println(check);
    }
    return best;
  }

  /** One report line for the time since {@code mark}, or "" when either end is unknown. */
  static String since(MachineCpu mark) {
    MachineCpu now = now();
    if (mark == null || now == null || now.total == mark.total) {
      return "";
    }
    double total = now.total - mark.total;
    int cpus = Runtime.getRuntime().availableProcessors();
    return String.format("machine over the measured period (/proc/stat, %d CPUs): user %.2f, system %.2f, idle %.2f cores; steal %.1f %% of CPU time%n",
        cpus, cpus * (now.user - mark.user) / total, cpus * (now.system - mark.system) / total,
        cpus * (now.idle - mark.idle) / total, 100 * (now.steal - mark.steal) / total);
  }
}
