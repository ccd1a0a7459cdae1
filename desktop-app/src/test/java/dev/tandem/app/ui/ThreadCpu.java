package dev.tandem.app.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time of this process's threads by name, from Linux {@code /proc/self/task} — which, unlike
 * the ThreadMXBean, includes the JIT compiler and GC threads (what a cold start spends much of
 * its CPU on). Threads of one name (a pool) are summed. Empty where there is no /proc.
 */
final class ThreadCpu {
  private ThreadCpu() {}

  /** Milliseconds of CPU (user + system) per thread name, pools merged by dropping digits. */
  static Map<String, Long> byName() {
    Map<String, Long> out = new HashMap<>();
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return out;
    }
    long ticksPerMs = 10; // USER_HZ is 100 on Linux: one tick = 10 ms
    try (Stream<Path> list = Files.list(tasks)) {
      list.forEach(task -> {
        try {
          String stat = Files.readString(task.resolve("stat"));
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          String name = stat.substring(open + 1, close).replaceAll("[0-9]+", "#");
          String[] f = stat.substring(close + 2).split(" ");
          long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
          out.merge(name, ticks * ticksPerMs, Long::sum);
        } catch (IOException | RuntimeException gone) {
          // the thread ended meanwhile
        }
      });
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  /** The {@code n} names that used most CPU between two readings, "name ms, …". */
  static String top(Map<String, Long> before, Map<String, Long> after, int n) {
    return after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(n)
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
