package dev.tandem.app;

import dev.tandem.app.fx.FxThread;
import dev.tandem.app.host.LocalHost;
import dev.tandem.app.prefs.MemoryPreferences;
import dev.tandem.app.prefs.UserPreferences;
import dev.tandem.app.session.SessionConnector;
import dev.tandem.app.view.TandemWindow;
import dev.tandem.sync.SyncSession;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;

/**
 * A person's first minute with Tandem, scripted, in this process: the app hosts a room and shows
 * it (what a start without a link does), the person types a line, leaves for the start screen,
 * opens a large text file into a new room and types into it; then everything closes. The real
 * classes run — window, RichTextFX area, embedded room server with SQLite, sync session over
 * loopback, journal — but in a temporary directory with in-memory preferences, so the user's
 * rooms, journal and preferences are never read or changed, and with the JavaFX Headless platform
 * unless {@code glass.platform} is set, so no window appears.
 *
 * <p>Two uses, both hidden options of {@link Launcher}:
 * <ul>
 *   <li>{@code --aot-training}: the training run for the JDK's AOT cache ({@code
 *       -XX:AOTCacheOutput}, JEP 483/514/515): the JVM records which classes this run loads and
 *       links and how its methods behave, and later starts with {@code -XX:AOTCache} skip that
 *       work. Run by {@code ./tandem} after building the jar and by the packaging build on the
 *       jlinked runtime. Deterministic: a generated 4 MB file, no network beyond loopback.
 *   <li>{@code --measure-open [BYTES]}: the same script on a generated file (default 10,000,000
 *       bytes), printing when each step
 *       was reached — from the process start to the first room being editable, and from the
 *       "click" on the file (after {@code -Dtandem.openPause} ms, default 1,500, on the start
 *       screen: a person choosing the file) to the area being editable with the whole file and
 *       the session OPEN. With {@code -Dtandem.measure.firstRoom=false} the app shows the start
 *       screen first and hosts no room before the file (OpenLargeFileMeasurement's harder case).
 *       docs/benchmarks.md quotes it; nothing asserts the times.
 * </ul>
 */
public final class ScriptedSession {
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(120);
  private static final int TRAINING_FILE_BYTES = 4_000_000;

  private final PrintStream report;
  private final long pauseMs;
  /** Whether the app first hosts and shows a room, as a start without a link does. */
  private final boolean firstRoom;

  private ScriptedSession(PrintStream report, long pauseMs, boolean firstRoom) {
    this.report = report;
    this.pauseMs = pauseMs;
    this.firstRoom = firstRoom;
  }

  /** {@code --aot-training}: the script on a generated file; prints only failures. Exit status. */
  static int train(PrintStream err) {
    return runGuarded(err, dir -> {
      Path file = dir.resolve("training.txt");
      Files.write(file, prose(TRAINING_FILE_BYTES));
      new ScriptedSession(null, 300, true).run(dir, file);
    });
  }

  /**
   * {@code --measure-open [BYTES]}: the script on a generated text file of {@code bytes} (the same
   * prose as the training file and OpenLargeFileMeasurement's), with the times on {@code out}.
   * Exit status.
   */
  static int measureOpen(int bytes, PrintStream out, PrintStream err) {
    long pause = Long.getLong("tandem.openPause", 1_500);
    boolean firstRoom = !"false".equals(System.getProperty("tandem.measure.firstRoom"));
    return runGuarded(err, dir -> {
      long g0 = System.nanoTime();
      Path file = dir.resolve("measured.txt");
      Files.write(file, prose(bytes));
      out.printf("measure-open: generated the file in %d ms (before the toolkit starts: part of the"
          + " times from the process start, not of the open)%n", (System.nanoTime() - g0) / 1_000_000);
      new ScriptedSession(out, pause, firstRoom).run(dir, file);
    });
  }

  private interface Script {
    void run(Path dir) throws Exception;
  }

  private static int runGuarded(PrintStream err, Script script) {
    // Before the toolkit starts: the platform is chosen once, at start-up.
    setIfAbsent("glass.platform", "Headless");
    setIfAbsent("prism.order", "sw");
    setIfAbsent("java.awt.headless", "true");
    Path dir = null;
    try {
      dir = Files.createTempDirectory("tandem-scripted-");
      script.run(dir);
      return 0;
    } catch (Exception | Error e) {
      err.println("Tandem: the scripted session failed: " + e);
      return 1;
    } finally {
      if (dir != null) {
        deleteTree(dir);
      }
    }
  }

  private void run(Path dir, Path file) throws Exception {
    Platform.startup(() -> { });
    Platform.setImplicitExit(false);
    long toolkitUp = sinceProcessStart();
    ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    LocalHost host = new LocalHost(dir.resolve("rooms"), "127.0.0.1", "127.0.0.1");
    try {
      SessionConnector connector = SessionConnector.real(dir.resolve("journal"));
      UserPreferences prefs = new UserPreferences(new MemoryPreferences());
      // As TandemApplication.openWindow does for a start without a link: host a room and show it.
      TandemWindow window = onFx(() -> {
        TandemWindow w = new TandemWindow(new Stage(), prefs, host, connector, background);
        w.showStart();
        if (firstRoom) {
          w.startViewModel().newRoom();
        }
        w.stage().show();
        return w;
      });
      long firstRoomAt = -1;
      if (firstRoom) {
        awaitFx("the first room is editable and connected", () -> window.room() != null
            && window.room().area().isEditable()
            && window.room().viewModel().stateProperty().get() == SyncSession.State.OPEN);
        firstRoomAt = sinceProcessStart();
        type(window, "Hello from Tandem.\n");
        awaitAcknowledged(window);
        // The person leaves for the start screen, picks "Open a file…" and the file.
        onFx(() -> {
          window.showStart();
          return null;
        });
      } else {
        host.createRoom(); // the embedded server up, as OpenLargeFileMeasurement has it
      }
      Thread.sleep(pauseMs); // a person choosing the file: a fixed time, never "until something finished"
      long expected = Files.size(file) - 1; // the document's final '\n' is the area's implicit end
      long cpu0 = cpuMs(true);
      long jit0 = cpuMs(false);
      long t0 = System.nanoTime();
      onFx(() -> {
        window.startViewModel().openFileIntoNewRoom(file);
        return null;
      });
      long[] shown = {0};
      long[] editable = {0};
      awaitFx("the file is open, editable and connected", () -> {
        long now = System.nanoTime() - t0;
        if (window.room() == null) {
          String error = window.startViewModel().errorProperty().get();
          if (!error.isEmpty()) {
            throw new IllegalStateException(error);
          }
          return false;
        }
        if (shown[0] == 0) {
          shown[0] = now;
        }
        if (editable[0] == 0 && window.room().area().getLength() == expected && window.room().area().isEditable()) {
          editable[0] = now;
        }
        return editable[0] != 0 && window.room().viewModel().stateProperty().get() == SyncSession.State.OPEN;
      });
      long open = System.nanoTime() - t0;
      long cpu = cpuMs(true) - cpu0;
      long jit = cpuMs(false) - jit0;
      // Edits at the start of the document, each replacing as many characters as it types: a
      // 10,000,000-byte file is at the room's length limit, which a growing edit would exceed.
      onFx(() -> {
        window.room().area().selectRange(0, 6);
        return null;
      });
      type(window, "Tandem");
      awaitAcknowledged(window);
      if (report != null) {
        report.printf("measure-open: %s, %,d bytes; JVM %s (%s)%n", file.getFileName(), Files.size(file),
            System.getProperty("java.vm.version"), System.getProperty("java.vm.info"));
        report.printf("  process start → toolkit up %d ms → %s%n", toolkitUp, firstRoom
            ? "first room editable and connected " + firstRoomAt + " ms"
            : "start screen first (-Dtandem.measure.firstRoom=false), no room before the file");
        report.printf("  click (after a %d ms pause on the start screen) → room window shown %d ms"
            + " → area editable with the whole file %d ms → session OPEN %d ms%n",
            pauseMs, shown[0] / 1_000_000, editable[0] / 1_000_000, open / 1_000_000);
        report.printf("  CPU meanwhile: process %d ms, JIT compiler threads %d ms%n", cpu, jit);
      }
      onFx(() -> {
        window.room().close();
        window.stage().close();
        return null;
      });
    } finally {
      host.close();
      background.shutdownNow();
      Platform.exit();
    }
  }

  /** Types {@code text} ('\n' as Enter) into the open room's area as glass delivers keys. */
  private static void type(TandemWindow window, String text) throws Exception {
    for (char c : text.toCharArray()) {
      onFx(() -> {
        Node area = window.room().area();
        KeyCode code = c == '\n' ? KeyCode.ENTER : KeyCode.UNDEFINED;
        String typed = c == '\n' ? "\r" : String.valueOf(c);
        area.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, false, false, false, false));
        area.fireEvent(new KeyEvent(KeyEvent.KEY_TYPED, typed, typed, KeyCode.UNDEFINED, false, false, false, false));
        area.fireEvent(new KeyEvent(KeyEvent.KEY_RELEASED, "", "", code, false, false, false, false));
        return null;
      });
    }
  }

  private static void awaitAcknowledged(TandemWindow window) throws Exception {
    awaitFx("the typing is acknowledged", () -> window.room().viewModel().pendingEditsProperty().get() == 0
        && window.room().viewModel().session().status().revision() > 0);
  }

  /** Polls {@code condition} on the FX thread every few ms until it holds; fails after {@link #STEP_TIMEOUT}. */
  private static void awaitFx(String what, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
    while (!onFx(condition)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting until " + what);
      }
      Thread.sleep(5);
    }
  }

  private static <T> T onFx(Callable<T> work) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    FxThread.executor().execute(() -> {
      try {
        result.complete(work.call());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    });
    try {
      return result.get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** Milliseconds since this process started (as the OS recorded it), or since the JVM started. */
  private static long sinceProcessStart() {
    long start = ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli)
        .orElse(ManagementFactory.getRuntimeMXBean().getStartTime());
    return System.currentTimeMillis() - start;
  }

  /**
   * CPU ms (user + system) of the whole process, or of its JIT compiler threads, from Linux /proc
   * (0 elsewhere). Not com.sun.management: the installers' runtime has no jdk.management module.
   */
  private static long cpuMs(boolean wholeProcess) {
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return 0;
    }
    if (wholeProcess) {
      return ticksMs(Path.of("/proc/self/stat"));
    }
    long ms = 0;
    try (Stream<Path> list = Files.list(tasks)) {
      for (Path task : list.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          if (stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).contains("CompilerThre")) {
            ms += ticksMs(task.resolve("stat"));
          }
        } catch (IOException | RuntimeException gone) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return ms;
  }

  /** utime + stime of a /proc stat file in ms (100 ticks a second), 0 if it is gone. */
  private static long ticksMs(Path statFile) {
    try {
      String stat = Files.readString(statFile);
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /**
   * {@code size} bytes of ASCII prose in lines of 80 (79 characters and a newline), the same bytes
   * every time; also the file {@code OpenLargeFileMeasurement} opens.
   */
  public static byte[] prose(int size) {
    String[] words = {"the", "room", "document", "editor", "together", "a", "of", "line", "text", "Tandem", "write"};
    SplittableRandom r = new SplittableRandom(7);
    byte[] out = new byte[size];
    int i = 0;
    while (i < size) {
      int lineEnd = Math.min(size - 1, i + 79);
      while (i < lineEnd) {
        byte[] w = (words[r.nextInt(words.length)] + " ").getBytes(StandardCharsets.US_ASCII);
        for (int k = 0; k < w.length && i < lineEnd; k++) {
          out[i++] = w[k];
        }
      }
      out[i++] = '\n';
    }
    return out;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary directory: the system cleans it up
    }
  }
}
