package dev.tandem.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.app.files.DocumentFiles;
import dev.tandem.app.host.LocalHost;
import dev.tandem.app.prefs.UserPreferences;
import dev.tandem.app.session.SessionConnector;
import dev.tandem.app.testing.Fx;
import dev.tandem.app.view.TandemWindow;
import dev.tandem.ot.Delta;
import dev.tandem.protocol.Values.Limits;
import dev.tandem.sync.SyncConfig;
import dev.tandem.sync.SyncSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.prefs.Preferences;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * Measures (never asserts) how long "Open a file into a new room" takes for a 10 MB text file, from
 * the click to an editable window showing the whole document with the session OPEN, through the
 * app's real path: read + convert on a background thread, the embedded server storing the
 * room's first snapshot in SQLite, the session joining (the welcome carries the document), the
 * bridge loading it into the area, one FX pulse. Then the same phases one by one. Results go to
 * stdout and {@code target/benchmarks/open-large-file.txt}; docs/benchmarks.md quotes them.
 * What it does assert is correctness: the whole document arrives and an edit reaches the server.
 *
 * <p>It runs from the test class path (directories), which the JDK's AOT cache cannot use; the
 * first open in the app as launched, with and without the cache, is measured from the shipped jar
 * by {@code Tandem --measure-open} ({@code dev.tandem.app.ScriptedSession},
 * {@code packaging/measure-first-open.sh}).
 *
 * <p>Named *Measurement, not *Test: surefire runs it only when asked,
 * {@code -Dtest=OpenLargeFileMeasurement}, so CI does not spend a minute and 1 GB on it.
 */
public class OpenLargeFileMeasurement {
  private static final int SIZE = Integer.getInteger("tandem.openSize", 10_000_000);
  /** Milliseconds between the start screen showing and the click ({@code -Dtandem.openPause}, default 0). */
  private static final long PAUSE_MS = Long.getLong("tandem.openPause", 0);

  @TempDir Path dir;

  @Test
  void openATenMegabyteTextFileIntoANewRoom() throws Exception {
    measure(dir);
  }

  /**
   * The same in a fresh JVM without Maven or JUnit around it (quicker to repeat): {@code java -cp
   * <test classpath> -Dglass.platform=Headless -Dprism.order=sw dev.tandem.app.ui.OpenLargeFileMeasurement}.
   */
  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("open-large-file");
    try {
      measure(dir);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
      javafx.application.Platform.exit();
    }
  }

  static void measure(Path dir) throws Exception {
    FxToolkit.registerPrimaryStage();
    Fx.start();
    Path file = dir.resolve("ten-megabytes.txt");
    Files.write(file, dev.tandem.app.ScriptedSession.prose(SIZE));
    LocalHost host = new LocalHost(dir.resolve("rooms"), "127.0.0.1", "127.0.0.1");
    ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    Preferences node = Preferences.userRoot().node("dev/tandem/test/" + UUID.randomUUID());
    StringBuilder report = new StringBuilder();
    try {
      host.createRoom(); // starts the embedded server outside the measurement, as an app that hosted before
      SessionConnector connector = SessionConnector.real(SyncConfig.builder()
          .journalDirectory(dir.resolve("journal"))
          .listenerExecutor(dev.tandem.app.fx.FxThread.listenerExecutor()).build());
      TandemWindow window = Fx.call(() -> {
        TandemWindow w = new TandemWindow(new Stage(), new UserPreferences(node), host, connector, background);
        w.showStart();
        w.stage().show();
        return w;
      });
      if (PAUSE_MS > 0) {
        // A person clicking "Open a file…" and choosing the file in a dialog: a fixed pause
        // after the start screen shows, never "until some warm-up finished".
        Thread.sleep(PAUSE_MS);
      }
      var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      String warmUpAtClick = dev.tandem.app.view.StartScreenWarmUp.summary();
      java.util.Map<String, Long> threads0 = ThreadCpu.byName();
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      System.out.println("click at epoch ms " + System.currentTimeMillis() + " (to find it in a JFR recording)");
      Fx.run(() -> window.startViewModel().openFileIntoNewRoom(file));
      long[] roomShown = {0};
      long[] firstText = {0};
      long[] editable = {0};
      try {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5)).until(() -> Fx.call(() -> {
          long now = System.nanoTime() - t0;
          if (roomShown[0] == 0 && window.room() != null) {
            roomShown[0] = now;
          }
          if (firstText[0] == 0 && window.room() != null && window.room().area().getLength() > 0) {
            firstText[0] = now;
          }
          if (editable[0] == 0 && window.room() != null && window.room().area().getLength() == SIZE - 1
              && window.room().area().isEditable()) {
            editable[0] = now;
          }
          return window.room() != null && window.room().viewModel().stateProperty().get() == SyncSession.State.OPEN
              && window.room().area().getLength() == SIZE - 1 && window.room().area().isEditable();
        }));
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError(Fx.call(() -> window.room() == null
            ? "no room; start error: " + window.startViewModel().errorProperty().get()
            : "state " + window.room().viewModel().stateProperty().get() + ", area " + window.room().area().getLength()
                + ", error: " + window.room().viewModel().errorProperty().get()
                + ", status: " + window.room().viewModel().session().status()), e);
      }
      Fx.drain();
      long total = System.nanoTime() - t0;
      long cpu = os.getProcessCpuTime() - cpu0;
      String perThread = ThreadCpu.top(threads0, ThreadCpu.byName(), 8);
      report.append(String.format("click to editable window (%,d-byte .txt, %,d lines): %d ms%n",
          SIZE, SIZE / 80, total / 1_000_000));
      report.append(String.format("  CPU time of the whole process meanwhile (all threads, app and embedded server): %d ms%n",
          cpu / 1_000_000));
      report.append(String.format("  room window shown (file read, room created, session connecting) at %d ms;"
          + " document in the area at %d ms; area editable with the whole document at %d ms%n",
          roomShown[0] / 1_000_000, firstText[0] / 1_000_000, editable[0] / 1_000_000));
      report.append("  CPU by thread meanwhile (Linux /proc; JIT and GC threads included): " + perThread + "\n");
      report.append(String.format("  pause between the start screen showing and the click: %d ms;"
          + " start-screen warm-up at the click: %s; at the end: %s%n",
          PAUSE_MS, warmUpAtClick, dev.tandem.app.view.StartScreenWarmUp.summary()));
      // It is editable for real: an edit reaches the server and is acknowledged. (A replacement, not
      // an insert: the document is exactly the room's 10,000,000-character limit.)
      Fx.run(() -> window.room().area().replaceText(0, 1, "!"));
      await().atMost(Duration.ofSeconds(60)).until(() -> Fx.call(
          () -> window.room().viewModel().session().status().revision() == 1
              && window.room().viewModel().pendingEditsProperty().get() == 0));
      assertThat(Fx.call(() -> window.room().area().getText(0, 3))).startsWith("!");
      assertThat(Fx.call(() -> window.room().viewModel().errorProperty().get())).isEmpty();

      // The same again in the now warm JVM (the app's second large file): the cold run above
      // includes compiling every piece of the path.
      Fx.run(() -> window.showStart());
      long w0 = System.nanoTime();
      long wcpu0 = os.getProcessCpuTime();
      Fx.run(() -> window.startViewModel().openFileIntoNewRoom(file));
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5)).until(() -> Fx.call(() ->
          window.room() != null && window.room().viewModel().stateProperty().get() == SyncSession.State.OPEN
              && window.room().area().getLength() == SIZE - 1));
      Fx.drain();
      report.append(String.format("second open, warm JVM: %d ms (process CPU %d ms)%n",
          (System.nanoTime() - w0) / 1_000_000, (os.getProcessCpuTime() - wcpu0) / 1_000_000));

      // The phases one by one (warm now).
      DocumentFiles files = new DocumentFiles(Limits.DEFAULTS.maxDocLength());
      long r0 = System.nanoTime();
      Delta doc = files.read(file, f -> { });
      long read = System.nanoTime() - r0;
      long c0 = System.nanoTime();
      host.createRoom(doc);
      long create = System.nanoTime() - c0;
      long[] loadCpu = {0};
      long load = Fx.call(() -> {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long l0 = System.nanoTime();
        window.room().bridge().load(doc);
        loadCpu[0] = threads.getCurrentThreadCpuTime() - cpuStart;
        return System.nanoTime() - l0;
      });
      report.append(String.format("  read + decode + convert: %d ms%n", read / 1_000_000));
      report.append(String.format("  create the room with its first snapshot (SQLite): %d ms%n", create / 1_000_000));
      report.append(String.format("  bridge.load into the area (FX thread): %d ms wall, %d ms CPU%n",
          load / 1_000_000, loadCpu[0] / 1_000_000));
      report.append(String.format("  heap used after: %d MB; load average: %s%n",
          (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1_000_000,
          Files.readString(Path.of("/proc/loadavg")).strip()));
      Fx.run(() -> {
        window.room().close();
        window.stage().close();
      });
    } finally {
      host.close();
      background.shutdownNow();
      node.removeNode();
    }
    System.out.print(report);
    Path out = Path.of("target", "benchmarks", "open-large-file.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
  }
}
