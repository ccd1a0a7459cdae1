package dev.tandem.app.view;

import dev.tandem.app.editor.PreparedDocument;
import dev.tandem.app.fx.FxThread;
import dev.tandem.app.files.PlainText;
import dev.tandem.app.viewmodel.RoomRequest;
import dev.tandem.app.viewmodel.RoomViewModel;
import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.protocol.Ids;
import dev.tandem.protocol.Values.Range;
import dev.tandem.protocol.Values.User;
import dev.tandem.sync.ChangeOrigin;
import dev.tandem.sync.Outcome;
import dev.tandem.sync.RoomLink;
import dev.tandem.sync.SyncSession;
import dev.tandem.sync.SyncStatus;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.Scene;

/**
 * While the start screen waits for the user, opens a room window once where nobody sees it, so
 * that the first real one is not built and filled by cold code: in a fresh JVM the first room window
 * and the first 10 MB join spent seconds loading classes, applying CSS for the first time and
 * running interpreted until the JIT caught up (docs/benchmarks.md, "opening a 10 MB text file").
 *
 * <p>What it does, once per process, starting {@link #IDLE_BEFORE_START} after the start screen's
 * first pulse unless the user has started opening something by then: a {@link RoomView} on an inert
 * session (no socket, no room, no journal, no preferences written) built on the warm-up's own
 * thread (JavaFX allows making nodes off the FX thread while they are in no showing window); then,
 * one short FX turn each, CSS and layout in a scene of its own that is never shown, a document
 * loaded, a remote change, some typing, one rendering into an image, and closing it; then, on its
 * thread again, the document paths a file takes (plain-text conversion, {@link PreparedDocument})
 * and a practice sync session in memory ({@link SyncSession#warmUp}). Once the user opens
 * something ({@link #stop}) no further step starts — a step already running finishes, which is
 * why it waits for the screen to be idle first. The thread asks for minimum priority, which
 * Linux ignores without extra privileges.
 *
 * <p>{@code -Dtandem.warmUp=false} turns it off.
 */
public final class StartScreenWarmUp {
  private static final System.Logger LOG = System.getLogger(StartScreenWarmUp.class.getName());
  private static final AtomicBoolean STARTED = new AtomicBoolean();
  /** Set once the user opens something: no warm-up starts or continues after that. */
  private static volatile boolean stopped;
  /** The run in progress, if any. */
  private static volatile Run current;
  /** How the last run went, for measurements: see {@link #summary()}. */
  private static volatile String summary = "not started";
  /** How long the start screen must have been shown, untouched, before the warm-up starts. */
  static final javafx.util.Duration IDLE_BEFORE_START = javafx.util.Duration.millis(250);

  private StartScreenWarmUp() {}

  /**
   * Starts the warm-up after {@code scene}'s next pulse (its first paint), unless it ran or started
   * in this process already or is turned off. FX thread.
   */
  public static void afterFirstPaint(Scene scene) {
    if (!Boolean.parseBoolean(System.getProperty("tandem.warmUp", "true")) || !STARTED.compareAndSet(false, true)) {
      return;
    }
    List<String> stylesheets = List.copyOf(scene.getStylesheets());
    Runnable[] listener = new Runnable[1];
    listener[0] = () -> {
      FxThread.later(() -> scene.removePostLayoutPulseListener(listener[0]));
      // Only once the screen has sat idle a moment: someone who clicks at once (a recent room, a
      // new room) is not competed with by a warm-up that cannot stop mid-step.
      javafx.animation.PauseTransition idle = new javafx.animation.PauseTransition(IDLE_BEFORE_START);
      idle.setOnFinished(e -> {
        if (!stopped) {
          Run run = new Run(stylesheets);
          current = run;
          run.start();
        }
      });
      idle.play();
    };
    scene.addPostLayoutPulseListener(listener[0]);
  }

  /**
   * How the warm-up went in this process: "not started", "running", or when it ended, how long it
   * took from the first paint and the longest FX turn it used (what the start screen may have
   * stuttered by). For measurements and logs.
   */
  public static String summary() {
    return summary;
  }

  /**
   * Runs a warm-up now, whether or not one ran in this process (tests); completes with its summary.
   * FX thread or any.
   */
  static java.util.concurrent.CompletableFuture<String> runNow(List<String> stylesheets) {
    Run run = new Run(stylesheets);
    run.start();
    return run.ended;
  }

  /** The user is opening something: no more steps. Any thread. */
  public static void stop() {
    stopped = true;
    Run run = current;
    if (run != null) {
      run.stopped = true;
    }
  }

  /** A document like an opened text file with a few styles: {@code lines} lines. */
  static Delta practiceDocument(int lines) {
    Delta.Builder b = Delta.builder().insert("Warming up").insert("\n", Attributes.of("header", 1));
    for (int i = 0; i < lines; i++) {
      b.insert("A line of practice text, number " + i + ", with ").insert("bold", Attributes.of("bold", true))
          .insert(" words in it, for the room window nobody sees.\n");
    }
    return b.build();
  }

  /** One step: where it runs and what it does. */
  private record Step(String name, boolean onFx, Runnable work) {}

  /**
   * Runs the steps in order, each on its thread (the warm-up's own, or one FX turn each so that the
   * start screen stays responsive between them), checking {@link #stop} before each. Most useful
   * first: the room window's classes and CSS, then its document paths, then the sync session.
   */
  private static final class Run {
    private final List<String> stylesheets;
    private final long t0 = System.nanoTime();
    private final List<Step> steps;
    private final StringBuilder timings = new StringBuilder();
    private final StringBuilder failures = new StringBuilder();
    private final java.util.concurrent.ExecutorService own;
    private long longestFxNanos;
    private int next;
    private RoomView room;
    private Scene scene;
    volatile boolean stopped;
    /** Completed with the summary when the run ends. */
    final java.util.concurrent.CompletableFuture<String> ended = new java.util.concurrent.CompletableFuture<>();

    Run(List<String> stylesheets) {
      this.stylesheets = stylesheets;
      // JavaFX allows making nodes on any thread while they are in no showing window: the room
      // view's nodes, where most of the first window's class loading happens, are made here.
      this.steps = List.of(
          new Step("room view", false, () -> room = newRoomView()),
          new Step("css", true, this::style),
          new Step("document", true, this::fill),
          new Step("typing", true, this::edit),
          new Step("render", true, () -> root().snapshot(null, null)),
          new Step("close", true, this::dispose),
          new Step("documents", false, () -> {
            for (int i = 0; i < 2; i++) {
              PreparedDocument.of(PlainText.read(PlainText.write(practiceDocument(1_000))));
            }
          }),
          new Step("session", false, SyncSession::warmUp));
      this.own = java.util.concurrent.Executors.newSingleThreadExecutor(
          Thread.ofPlatform().daemon().priority(Thread.MIN_PRIORITY).name("tandem-warm-up").factory());
    }

    void start() {
      summary = "running";
      own.execute(this::next);
    }

    /** Runs step {@code next} on the current thread, then hands the following one to its thread. */
    private void next() {
      if (stopped || next == steps.size()) {
        finish();
        return;
      }
      Step step = steps.get(next++);
      long s0 = System.nanoTime();
      try {
        step.work().run();
      } catch (RuntimeException | LinkageError e) {
        failures.append(step.name()).append(" failed: ").append(e).append("; ");
        LOG.log(System.Logger.Level.DEBUG, "warm-up step " + step.name() + " failed (harmless)", e);
        if (room == null || step.onFx()) {
          next = steps.indexOf(steps.stream().filter(s -> s.name().equals("close")).findFirst().orElseThrow());
        }
      }
      long took = System.nanoTime() - s0;
      timings.append(step.name()).append(' ').append(took / 1_000_000).append(" ms, ");
      if (step.onFx()) {
        longestFxNanos = Math.max(longestFxNanos, took);
      }
      boolean nextOnFx = next < steps.size() && steps.get(next).onFx();
      if (nextOnFx) {
        FxThread.later(this::next);
      } else {
        own.execute(this::next);
      }
    }

    private void finish() {
      if (room != null || scene != null) {
        FxThread.later(this::dispose);
      }
      own.shutdown();
      summary = (stopped ? "stopped" : "done") + " after " + (System.nanoTime() - t0) / 1_000_000
          + " ms (" + timings + "longest FX turn " + longestFxNanos / 1_000_000 + " ms)"
          + (failures.isEmpty() ? "" : "; " + failures);
      LOG.log(System.Logger.Level.DEBUG, "warm-up " + summary);
      current = null;
      ended.complete(summary);
    }

    private void style() {
      scene = new Scene(root(), 1100, 720);
      scene.getStylesheets().setAll(stylesheets);
      root().applyCss();
      root().layout();
    }

    private void fill() {
      room.start();
      room.bridge().load(practiceDocument(300));
      room.bridge().applyChange(Delta.builder().retain(40).insert("someone else's words ").build(),
          ChangeOrigin.REMOTE);
    }

    private void edit() {
      var area = room.area();
      area.moveTo(100);
      for (int i = 0; i < 50; i++) {
        area.replaceText(area.getCaretPosition(), area.getCaretPosition(), "t");
      }
      area.deletePreviousChar();
      root().applyCss();
      root().layout();
    }

    private javafx.scene.Parent root() {
      return (javafx.scene.Parent) room.root();
    }

    /** FX thread (the room may have started: its ticker runs there). */
    private void dispose() {
      if (room != null) {
        room.close();
        room = null;
      }
      if (scene != null) {
        scene.setRoot(new javafx.scene.Group());
        scene = null;
      }
    }

    /** A room view on an inert session; any thread while its nodes are in no scene. */
    private static RoomView newRoomView() {
      RoomLink nowhere = RoomLink.of("127.0.0.1", 1, Ids.random(), Ids.random());
      RoomViewModel vm = new RoomViewModel(new RoomRequest(nowhere, null, null, true),
          new User("warm-up", "#888888"), (link, user, listener) -> new InertSession(link.roomId()));
      return new RoomView(vm, () -> { });
    }
  }

  /** A session that goes nowhere: accepts edits into the void, never connects. */
  private static final class InertSession implements SyncSession {
    private final String roomId;
    private final String clientId = Ids.random();

    InertSession(String roomId) {
      this.roomId = roomId;
    }

    @Override
    public String roomId() {
      return roomId;
    }

    @Override
    public String clientId() {
      return clientId;
    }

    @Override
    public State state() {
      return State.CONNECTING;
    }

    @Override
    public SyncStatus status() {
      return SyncStatus.initial();
    }

    @Override
    public Outcome submit(Delta change) {
      return Outcome.ACCEPTED;
    }

    @Override
    public java.util.concurrent.CompletableFuture<Void> journalled() {
      return java.util.concurrent.CompletableFuture.completedFuture(null); // it has no journal
    }

    @Override
    public Outcome setSelection(List<Range> ranges) {
      return Outcome.ACCEPTED;
    }

    @Override
    public Outcome sendChat(String text) {
      return Outcome.NOT_CONNECTED;
    }

    @Override
    public Outcome undo() {
      return Outcome.NOT_CONNECTED;
    }

    @Override
    public Outcome redo() {
      return Outcome.NOT_CONNECTED;
    }

    @Override
    public void close() {}
  }
}
