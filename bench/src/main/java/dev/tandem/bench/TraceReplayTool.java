package dev.tandem.bench;

import dev.tandem.bench.load.Args;
import dev.tandem.bench.load.LoadSupport;
import dev.tandem.ot.Delta;
import dev.tandem.ot.RichDocument;
import dev.tandem.protocol.Values.User;
import dev.tandem.sync.ChangeOrigin;
import dev.tandem.sync.ChatMessage;
import dev.tandem.sync.RoomLink;
import dev.tandem.sync.SyncConfig;
import dev.tandem.sync.SyncError;
import dev.tandem.sync.SyncListener;
import dev.tandem.sync.SyncSession;
import dev.tandem.sync.SyncStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code replay --trace FILE [--clients K] --server URL}: replays a sequential editing trace
 * (shared/traces/README.md) through K real {@link SyncSession}s (OkHttp WebSockets) against a
 * running room server, in a fresh room. The clients take the edits in turns of {@code --turn}
 * edits (default 1): before its turn a client waits until its editor has applied everything the
 * previous client's turn committed, so the trace's positions are valid in its document. Each
 * edit is made like the app makes one: on the session's listener executor (the "UI thread"),
 * applied to the editor's document and submitted.
 *
 * <p>Reports the wall time from the first edit to the moment every client has its last edit
 * acknowledged and every editor shows the final revision; the op messages (= revisions committed:
 * each op message commits exactly one revision, and the run fails on any error); and whether the
 * final document equals {@code endContent}, in every client's editor and in a fresh session's
 * welcome (the server's durable document). No journal unless {@code --journal DIR} is given.
 *
 * <p>Outside the clock: parsing the trace and connecting. (No {@code System.gc()} before the
 * clock: G1 then shrinks the heap to the live set, and the run pays with many more young
 * collections than the parsing garbage would cost it.) {@code --warmup N} first replays the
 * trace N times in the same JVM, each into its own fresh room with fresh sessions, and measures
 * the round after them: the client's cost once the JIT has compiled it, beside the default cold
 * figure (a fresh JVM, where compiling the hot paths is part of the time).
 */
public final class TraceReplayTool {
  /** Chat text that ends a turn when several clients take turns: {@code turn N}. */
  static final String TURN_MARKER = "turn ";

  private TraceReplayTool() {}

  /** One client: a session plus the editor document it keeps on its UI thread. */
  static final class Client implements SyncListener {
    final ExecutorService ui;
    final RichDocument doc = RichDocument.of(Delta.document("\n"));
    final List<SyncError> errors = new CopyOnWriteArrayList<>();
    volatile long uiRevision = -1;
    volatile int uiPending = -1;
    /** The highest turn marker this client has seen in the room's chat (see the handover). */
    volatile int turnMarkerSeen = -1;
    /** When the editor last learned that nothing was pending (System.nanoTime, UI thread). */
    volatile long idleAtNanos;
    SyncSession session;

    Client(String name) {
      ui = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("ui-" + name).factory());
    }

    @Override
    public void onChange(Delta change, ChangeOrigin origin) {
      doc.apply(change);
    }

    @Override
    public void onStatus(SyncStatus status) {
      // runs after every change delivered before it: the editor has applied this revision
      uiRevision = status.revision();
      uiPending = status.pendingEdits();
      if (status.pendingEdits() == 0) {
        idleAtNanos = System.nanoTime();
      }
      signalProgress();
    }

    @Override
    public void onChat(ChatMessage message) {
      if (message.text().startsWith(TURN_MARKER)) {
        turnMarkerSeen = Math.max(turnMarkerSeen, Integer.parseInt(message.text().substring(TURN_MARKER.length())));
        signalProgress();
      }
    }

    @Override
    public void onError(SyncError error) {
      errors.add(error);
      System.err.println("client error: " + error);
    }
  }

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    String server = args.string("server", "ws://127.0.0.1:17073");
    LoadSupport.require(true, server);
    String traceArg = args.string("trace", "automerge-paper.json.gz");
    int k = args.integer("clients", 1);
    String journal = args.string("journal", null);
    int sendDelayMs = args.integer("send-delay-ms", (int) SyncConfig.defaults().sendDelay().toMillis());
    Path tracePath = Path.of(traceArg);
    EditTrace trace = Files.isRegularFile(tracePath) ? EditTrace.load(tracePath) : EditTrace.load(traceArg);
    int edits = Math.min(args.integer("limit", trace.patchCount()), trace.patchCount());
    int turn = args.integer("turn", k == 1 ? Math.max(1, edits) : 1);
    System.out.printf("trace %s: %d of %d edits, %d client(s), turns of %d edit(s), journal %s,"
        + " send delay %d ms%n", trace.name(), edits, trace.patchCount(), k, turn,
        journal == null ? "off" : journal, sendDelayMs);

    int warmups = args.integer("warmup", 0);
    boolean ok = true;
    for (int round = 0; round <= warmups; round++) {
      String journalDir = journal == null ? null
          : warmups == 0 ? journal : Path.of(journal, "round" + round).toString();
      if (round < warmups) {
        System.out.printf("warm-up round %d of %d (same JVM, fresh room and sessions):%n", round + 1, warmups);
      } else if (warmups > 0) {
        System.out.println("measured round:");
      }
      ok &= replay(trace, edits, k, turn, journalDir, sendDelayMs, server);
    }
    if (!ok) {
      System.exit(1);
    }
  }

  /** One replay into a fresh room with fresh sessions; prints the figures; false if anything failed. */
  private static boolean replay(EditTrace trace, int edits, int k, int turn, String journal,
      int sendDelayMs, String server) throws Exception {
    boolean complete = edits == trace.patchCount();
    URI uri = URI.create(server);
    LoadSupport.NewRoom room;
    try (HttpClient http = HttpClient.newHttpClient()) {
      room = LoadSupport.createRoom(http, server);
    }
    RoomLink link = RoomLink.of(uri.getHost(), uri.getPort(), room.id(), room.editKey());
    List<Client> clients = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      Client c = new Client("c" + i);
      SyncConfig.Builder config = SyncConfig.builder().listenerExecutor(c.ui)
          .sendDelay(java.time.Duration.ofMillis(sendDelayMs));
      if (journal != null) {
        config.journalDirectory(Path.of(journal, "c" + i));
      }
      c.session = SyncSession.connect(link, new User("replay" + i, "#336699"), config.build(), c);
      clients.add(c);
    }
    for (Client c : clients) {
      await("client open", 30, () -> c.session.state() == SyncSession.State.OPEN && c.uiRevision >= 0);
    }

    CpuClock cpu = new CpuClock();
    long start = System.nanoTime();
    if (!trace.startContent().isEmpty()) {
      Client first = clients.getFirst();
      first.ui.submit(() -> edit(first, Delta.builder().insert(trace.startContent()).build())).get();
    }
    Client previous = null;
    int turns = 0;
    for (int from = 0; from < edits; from += turn) {
      int turnIndex = turns;
      Client c = clients.get(turns++ % k);
      if (previous != null && previous != c) {
        Client prev = previous;
        int prevTurn = turnIndex - 1;
        // Handover. submit() only queues an edit for the session's engine, so right after a turn
        // the previous client's status can still say "nothing pending" at the old revision. The
        // turn ends with a chat marker, which the engine handles after the turn's edits; once the
        // previous client has its own marker back (the server echoes chat to the sender) its
        // status counts the whole turn, and once this client has the marker it is connected to
        // the same stream. Then: the turn is committed, and this client's editor has applied it.
        await("turn marker echoed", 60, () -> prev.turnMarkerSeen >= prevTurn && c.turnMarkerSeen >= prevTurn);
        await("previous turn acknowledged", 60, () -> prev.session.status().pendingEdits() == 0);
        long rev = prev.session.status().revision();
        await("turn handed over", 60, () -> c.uiRevision >= rev);
      }
      int a = from;
      int b = Math.min(edits, from + turn);
      c.ui.submit(() -> {
        for (int i = a; i < b; i++) {
          Delta.Builder d = Delta.builder().retain(trace.positions()[i]);
          if (trace.deleted()[i] > 0) {
            d.delete(trace.deleted()[i]);
          }
          if (!trace.inserted()[i].isEmpty()) {
            d.insert(trace.inserted()[i]);
          }
          edit(c, d.build());
        }
        if (k > 1 && c.session.sendChat(TURN_MARKER + turnIndex) != dev.tandem.sync.Outcome.ACCEPTED) {
          throw new IllegalStateException("the turn marker was refused");
        }
      }).get();
      previous = c;
    }
    long submitted = System.nanoTime();
    await("all acknowledged", 300, () -> clients.stream().allMatch(c -> c.session.status().pendingEdits() == 0));
    long finalRev = clients.stream().mapToLong(c -> c.session.status().revision()).max().orElseThrow();
    await("all editors at the final revision", 300,
        () -> clients.stream().allMatch(c -> c.uiRevision == finalRev && c.uiPending == 0));
    // the moment the last editor saw it, not when this thread woke up to check
    long end = clients.stream().mapToLong(c -> c.idleAtNanos).max().orElseThrow();
    String cpuUsed = cpu.report();

    String expected = (complete ? trace.endContent() : replayText(trace, edits)) + "\n";
    boolean clientsEqual = true;
    for (Client c : clients) {
      clientsEqual &= c.ui.submit(() -> c.doc.text()).get().equals(expected);
    }
    // the server's durable document, as a newcomer gets it
    Client checker = new Client("checker");
    checker.session = SyncSession.connect(link, new User("checker", "#000000"),
        SyncConfig.builder().listenerExecutor(checker.ui).build(), checker);
    await("checker at the final revision", 60, () -> checker.uiRevision == finalRev);
    boolean serverEqual = checker.ui.submit(() -> checker.doc.text()).get().equals(expected);

    int errors = clients.stream().mapToInt(c -> c.errors.size()).sum();
    System.out.printf("wall time %.3f s (submitting %.3f s, then %.3f s until the last ack reached every editor)%n",
        (end - start) / 1e9, (submitted - start) / 1e9, (end - submitted) / 1e9);
    System.out.println("CPU during the run: " + cpuUsed);
    System.out.printf("op messages (revisions committed) %d for %d edits: %.4f per edit; errors %d%n",
        finalRev, edits, finalRev / (double) edits, errors);
    System.out.printf("final document equals %s: clients %s, server (fresh session) %s%n",
        complete ? "endContent" : "the trace's text after " + edits + " edits", clientsEqual, serverEqual);
    checker.session.close();
    for (Client c : clients) {
      c.session.close();
      c.ui.shutdown();
    }
    checker.ui.shutdown();
    return clientsEqual && serverEqual && errors == 0;
  }

  /** On the client's UI thread: the editor applies its own edit and reports it to the session. */
  private static void edit(Client c, Delta change) {
    c.doc.apply(change);
    var outcome = c.session.submit(change);
    if (outcome != dev.tandem.sync.Outcome.ACCEPTED) {
      throw new IllegalStateException("edit refused: " + outcome);
    }
  }

  private static String replayText(EditTrace trace, int edits) {
    StringBuilder sb = new StringBuilder(trace.startContent());
    for (int i = 0; i < edits; i++) {
      sb.delete(trace.positions()[i], trace.positions()[i] + trace.deleted()[i]);
      sb.insert(trace.positions()[i], trace.inserted()[i]);
    }
    return sb.toString();
  }

  /**
   * CPU time used from its creation to {@link #report}: the whole process (JIT compilers and GC
   * included) and the threads doing the run's work — the editors' UI threads and the sessions'
   * engine threads. On a loaded machine these vary less than the wall time.
   */
  private static final class CpuClock {
    private final java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private final long process = os.getProcessCpuTime();
    private final long ui = threadCpu("ui-");
    private final long engine = threadCpu("tandem-sync-");

    private long threadCpu(String prefix) {
      long sum = 0;
      for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
        if (t != null && t.getThreadName().startsWith(prefix)) {
          sum += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
        }
      }
      return sum;
    }

    String report() {
      return String.format("process %.3f s, UI threads %.3f s, engine threads %.3f s",
          (os.getProcessCpuTime() - process) / 1e9, (threadCpu("ui-") - ui) / 1e9,
          (threadCpu("tandem-sync-") - engine) / 1e9);
    }
  }

  /** Notified by every client's {@code onStatus}; waiting on it spins no core the run needs. */
  private static final Object PROGRESS = new Object();

  private static void signalProgress() {
    synchronized (PROGRESS) {
      PROGRESS.notifyAll();
    }
  }

  /**
   * Waits for the condition, re-checking at every status a client receives (and every 10 ms for
   * conditions that read the session's own status, which is set just before its listener runs).
   */
  private static void await(String what, int seconds, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    synchronized (PROGRESS) {
      while (!condition.getAsBoolean()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("timed out waiting: " + what);
        }
        PROGRESS.wait(10);
      }
    }
  }
}
