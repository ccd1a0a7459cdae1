package dev.tandem.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.ot.Delta;
import dev.tandem.ot.Op;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.Ids;
import dev.tandem.protocol.MessageCodec;
import dev.tandem.protocol.Values.User;
import dev.tandem.server.RoomServer;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.room.RoomCreator;
import dev.tandem.sync.ChangeOrigin;
import dev.tandem.sync.KnownDocument;
import dev.tandem.sync.Outcome;
import dev.tandem.sync.RoomLink;
import dev.tandem.sync.SyncConfig;
import dev.tandem.sync.SyncError;
import dev.tandem.sync.SyncListener;
import dev.tandem.sync.SyncSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine appends a drained batch of local edits to the journal and forces it once; the edits
 * still reach the disk before they are sent or reported durable. Real journal files (forces
 * counted and held by {@link ForceCountingChannels}, a decorator of real file channels), a real
 * room server on loopback and real OkHttp sockets.
 */
class JournalBatchForceTest {
  private static final Pattern MARKER = Pattern.compile("<[AB]?\\d+>");

  @TempDir Path dir;
  final ForceCountingChannels files = new ForceCountingChannels();
  final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    files.releaseHold();
    for (AutoCloseable c : toClose.reversed()) {
      c.close();
    }
  }

  @Test
  void aBatchOfEditsQueuedAtOnceIsForcedOnceNotOncePerEdit() throws Exception {
    // The engine is held in a connect that blocks, so all the edits are queued before it drains
    // any: one batch (under the drain's 8,192).
    BlockingConnect blocking = new BlockingConnect(30);
    String roomId = Ids.random();
    RoomLink link = RoomLink.of("127.0.0.1", 9, roomId, Ids.random());
    Path journalDir = dir.resolve("journal");
    CountDownLatch shown = new CountDownLatch(1);
    SessionEngine session = SessionEngine.start(link, new User("me", "#123456"),
        SyncConfig.builder().journalDirectory(journalDir).build(), new SyncListener() {
          @Override
          public void onChange(Delta change, ChangeOrigin origin) {
            shown.countDown();
          }
        }, blocking.transport(), new KnownDocument(0, Delta.builder().insert("hello\n").build()), files);
    toClose.add(session);
    toClose.add(blocking::release); // closed first: the session's close must not wait on it
    assertThat(shown.await(30, TimeUnit.SECONDS)).as("the known document was delivered").isTrue();
    assertThat(blocking.awaitConnecting(30)).as("the engine reached connect").isTrue();
    int before = files.forces();

    int edits = 1_000;
    for (int i = 0; i < edits; i++) {
      assertThat(session.submit(Delta.builder().retain(i).insert("a").build())).isEqualTo(Outcome.ACCEPTED);
    }
    CompletableFuture<Void> journalled = session.journalled();
    blocking.release();
    journalled.get(30, TimeUnit.SECONDS);

    int forces = files.forces() - before;
    // One force for the batch, plus the start snapshot's (its file and the directory), written
    // just before the batch's first record; one force per edit would be over 1,000.
    assertThat(forces).as("forces for %d edits queued at once", edits).isBetween(1, 5);
    byte[] onDisk = files.crashImage(0); // only what the forces made durable
    assertThat(ForceCountingChannels.edits(onDisk, dir, roomId)).as("edits forced to disk").hasSize(edits);
  }

  @Test
  void nothingIsSentBeforeTheForceThatCoversIt() throws Exception {
    RoomServer server = startServer();
    RoomCreator.NewRoom room = server.createRoom();
    RecordingTransport transport = new RecordingTransport();
    // At every submit frame, on the engine thread that sends it: the journal as a power cut would
    // leave it now must already hold every edit the frame carries.
    List<String> violations = new CopyOnWriteArrayList<>();
    List<Integer> checked = new CopyOnWriteArrayList<>();
    transport.beforeSubmit = submit -> {
      Set<String> durable = new HashSet<>();
      try {
        for (JournalRecord.Edit e : ForceCountingChannels.edits(files.crashImage(0), dir, room.id())) {
          durable.addAll(markers(e.change()));
        }
      } catch (java.io.IOException e) {
        violations.add("journal unreadable: " + e);
        return;
      }
      Set<String> carried = markers(submit.delta());
      if (!durable.containsAll(carried)) {
        carried.removeAll(durable);
        violations.add("seq " + submit.seq() + " sent " + carried + " before they were forced");
      }
      checked.add(carried.size());
    };
    Editor editor = new Editor();
    SessionEngine session = SessionEngine.start(RoomLink.of("127.0.0.1", server.port(), room.id(), room.editKey()),
        new User("me", "#123456"), config(dir.resolve("journal")), editor, transport, null, files);
    toClose.add(session);
    await().atMost(Duration.ofSeconds(30)).until(() -> session.state() == SyncSession.State.OPEN);

    int marker = 0;
    for (int burst = 0; burst < 8; burst++) {
      // A burst typed at once (one or two drained batches), then its acks.
      for (int i = 0; i < 25; i++) {
        editor.type(session, "<" + marker++ + ">");
      }
      session.journalled().get(30, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(30)).until(() -> session.status().pendingEdits() == 0);
    }

    assertThat(violations).isEmpty();
    assertThat(checked).as("submit frames checked").hasSizeGreaterThanOrEqualTo(8);
    assertThat(checked.stream().mapToInt(Integer::intValue).sum()).as("edits carried").isEqualTo(marker);
    assertThat(editor.errors).isEmpty();
  }

  @Test
  void aCrashAfterTheAppendBeforeTheForceLosesNothingReportedDurable() throws Exception {
    RoomServer server = startServer();
    RoomCreator.NewRoom room = server.createRoom();
    RoomLink link = RoomLink.of("127.0.0.1", server.port(), room.id(), room.editKey());
    RecordingTransport transport = new RecordingTransport();
    Editor editor = new Editor();
    SessionEngine session = SessionEngine.start(link, new User("me", "#123456"),
        config(dir.resolve("journal")), editor, transport, null, files);
    toClose.add(session);
    await().atMost(Duration.ofSeconds(30)).until(() -> session.state() == SyncSession.State.OPEN);

    // Batch A: reported durable (and acknowledged, so the next edit could be sent at once).
    List<String> a = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      a.add("<A" + i + ">");
      editor.type(session, a.getLast());
    }
    session.journalled().get(30, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(30)).until(() -> session.status().pendingEdits() == 0);

    // The engine is held in the force of one edit, so that all of batch B and the journalled()
    // request behind it queue up and are drained as one batch.
    files.holdNextForce();
    a.add("<G>");
    editor.type(session, a.getLast());
    assertThat(files.awaitHeld(30)).as("the gate's force was reached").isTrue();
    List<String> b = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      b.add("<B" + i + ">");
      editor.type(session, b.getLast());
    }
    CompletableFuture<Void> bDurable = session.journalled();
    // Batch B: appended, then its force is held: the machine loses power there.
    files.releaseHoldAndHoldNext();
    assertThat(files.awaitHeld(30)).as("the batch's force was reached").isTrue();
    assertThat(bDurable).as("not reported durable before its force").isNotDone();
    assertThat(transport.sentMarkers()).as("sent before its force").doesNotContainAnyElementsOf(b);
    byte[] image = files.crashImage(5); // what was forced, plus a torn record header
    transport.crash(); // the socket dies with the machine; nothing more leaves

    Path restoredDir = Files.createDirectories(dir.resolve("after-crash"));
    Files.write(restoredDir.resolve(room.id() + ".journal"), image);
    Editor restored = new Editor();
    SessionEngine again = SessionEngine.start(link, new User("me", "#123456"),
        config(restoredDir), restored, new OkHttpTransport(Duration.ofSeconds(5), Duration.ofSeconds(30)), null);
    toClose.add(again);
    await().atMost(Duration.ofSeconds(30)).until(() -> again.state() == SyncSession.State.OPEN
        && again.status().pendingEdits() == 0);
    assertThat(restored.text()).as("restored, then synchronised").contains(String.join("", a));
    assertThat(restored.errors).as("only the torn tail is reported")
        .allSatisfy(e -> assertThat(e.code()).isEqualTo("journal-corrupt"));

    Editor probe = new Editor();
    SessionEngine reader = SessionEngine.start(link, new User("probe", "#654321"),
        SyncConfig.builder().build(), probe, new OkHttpTransport(Duration.ofSeconds(5), Duration.ofSeconds(30)), null);
    toClose.add(reader);
    await().atMost(Duration.ofSeconds(30)).until(() -> reader.state() == SyncSession.State.OPEN
        && probe.text().equals(restored.text()));
    String onServer = probe.text();
    for (String m : a) {
      assertThat(onServer.split(Pattern.quote(m), -1)).as(m + " exactly once on the server").hasSize(2);
    }
    for (String m : b) {
      assertThat(onServer).as("never durable, never sent").doesNotContain(m);
    }
  }

  RoomServer startServer() throws Exception {
    RoomServer server = RoomServer.start(ServerConfig.builder().port(0).dataDirectory(dir.resolve("server")).build());
    toClose.add(server);
    return server;
  }

  /** No send delay (a batch's first edit would leave at once), no reconnect during a test. */
  static SyncConfig config(Path journalDir) {
    return SyncConfig.builder().journalDirectory(journalDir).sendDelay(Duration.ZERO)
        .backoff(Duration.ofMinutes(10), Duration.ofMinutes(10), 0.0).build();
  }

  static Set<String> markers(Delta delta) {
    Set<String> found = new HashSet<>();
    for (Op op : delta.ops()) {
      if (op instanceof Op.Insert insert) {
        Matcher m = MARKER.matcher(insert.text());
        while (m.find()) {
          found.add(m.group());
        }
      }
    }
    return found;
  }

  /** The editor's document, kept by the listener (its own thread); typing appends at the end. */
  static final class Editor implements SyncListener {
    private Delta doc = Delta.document("\n");
    final List<SyncError> errors = new CopyOnWriteArrayList<>();

    @Override
    public synchronized void onChange(Delta change, ChangeOrigin origin) {
      doc = doc.compose(change);
    }

    @Override
    public void onError(SyncError error) {
      errors.add(error);
    }

    synchronized String text() {
      return doc.plainText();
    }

    /** Types {@code text} at the end, as the UI would: applied here, then submitted. */
    synchronized void type(SessionEngine session, String text) {
      Delta change = Delta.builder().retain(doc.length() - 1).insert(text).build();
      doc = doc.compose(change);
      assertThat(session.submit(change)).isEqualTo(Outcome.ACCEPTED);
    }
  }

  /** OkHttp sockets whose outgoing submit frames are seen first (on the engine thread). */
  static final class RecordingTransport implements Transport {
    private final OkHttpTransport real = new OkHttpTransport(Duration.ofSeconds(5), Duration.ofSeconds(30));
    private final List<String> sent = new CopyOnWriteArrayList<>();
    volatile java.util.function.Consumer<ClientMessage.Submit> beforeSubmit = s -> {};
    private volatile boolean crashed;
    private volatile Connection open;

    @Override
    public Connection connect(String url, Listener listener) {
      if (crashed) {
        return new SilentConnection();
      }
      Connection c = real.connect(url, listener);
      open = c;
      return new Connection() {
        @Override
        public boolean send(String text) {
          if (crashed) {
            return false;
          }
          if (MessageCodec.decodeClient(text) instanceof ClientMessage.Submit submit) {
            beforeSubmit.accept(submit);
            sent.addAll(markers(submit.delta()));
          }
          return c.send(text);
        }

        @Override
        public void close(int code, String reason) {
          c.close(code, reason);
        }

        @Override
        public void cancel() {
          c.cancel();
        }
      };
    }

    List<String> sentMarkers() {
      return List.copyOf(sent);
    }

    /** The process is gone: the socket drops, nothing is sent or connected any more. */
    void crash() {
      crashed = true;
      Connection c = open;
      if (c != null) {
        c.cancel();
      }
    }

    @Override
    public void shutdown() {
      real.shutdown();
    }
  }
}
