package dev.tandem.app.perf;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The collections of this JVM between {@link #start} and {@link #stop}, from the JDK's GC
 * notifications (delivered on a JMX thread). For G1's young and mixed collections the reported
 * duration is the stop-the-world pause; for its concurrent cycle ("G1 Concurrent GC") it is the
 * pauses of that cycle (remark, cleanup).
 */
final class GcPauses {
  private record Collection(String name, String cause, long millis, long usedAfterBytes) {}

  private final List<Collection> seen = new ArrayList<>();
  private final NotificationListener listener = (notification, handback) -> {
    if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
      var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
      long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(u -> u.getUsed()).sum();
      synchronized (this) {
        seen.add(new Collection(info.getGcName(), info.getGcCause(), info.getGcInfo().getDuration(), used));
      }
    }
  };
  private long startNanos;
  private long stopNanos;

  void start() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
    }
    startNanos = System.nanoTime();
  }

  void stop() throws Exception {
    stopNanos = System.nanoTime();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).removeNotificationListener(listener);
    }
  }

  /** One line per collector: count, pauses p50 / max / total, heap in use after the last one. */
  synchronized String report() {
    StringBuilder out = new StringBuilder();
    double seconds = (stopNanos - startNanos) / 1e9;
    seen.stream().map(Collection::name).distinct().forEach(name -> {
      long[] ms = seen.stream().filter(c -> c.name().equals(name)).mapToLong(Collection::millis).sorted().toArray();
      Collection last = seen.stream().filter(c -> c.name().equals(name)).reduce((a, b) -> b).orElseThrow();
      out.append(String.format("GC in the app JVM, %s: %d in %.0f s (one per %.1f s), pause p50 %d ms, max %d ms, total %d ms; heap used after the last %d MB%n",
          name, ms.length, seconds, seconds / ms.length, ms[ms.length / 2], ms[ms.length - 1],
          java.util.Arrays.stream(ms).sum(), last.usedAfterBytes() >> 20));
    });
    if (seen.isEmpty()) {
      out.append(String.format("GC in the app JVM: no collection in %.0f s%n", seconds));
    }
    return out.toString();
  }
}
