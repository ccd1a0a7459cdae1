package dev.tandem.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.Values.User;
import dev.tandem.server.RoomServer;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.room.RoomCreator;
import dev.tandem.sync.internal.SessionEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real sessions over real WebSockets (OkHttp) against a real in-process room-server (SQLite). */
class EndToEndTest {
  @TempDir Path dir;
  RoomServer server;
  RoomCreator.NewRoom room;
  final List<TestEditor> editors = new ArrayList<>();

  static SyncConfig fastConfig() {
    return SyncConfig.builder().backoff(Duration.ofMillis(50), Duration.ofMillis(400), 0.2)
        .pingInterval(Duration.ofSeconds(5)).build();
  }

  @BeforeEach
  void start() throws Exception {
    server = RoomServer.start(ServerConfig.builder().port(0).dataDirectory(dir.resolve("server")).build());
    room = server.createRoom();
  }

  @AfterEach
  void stop() {
    editors.forEach(TestEditor::close);
    server.close();
  }

  TestEditor join(String name, String key, SyncConfig config) {
    TestEditor editor = new TestEditor(name);
    editor.session = SyncSession.connect(RoomLink.of("127.0.0.1", server.port(), room.id(), key),
        new User(name, "#336699"), config.toBuilder().listenerExecutor(editor.ui).build(), editor);
    editors.add(editor);
    return editor;
  }

  static void awaitOpen(TestEditor e) {
    await().atMost(Duration.ofSeconds(10)).until(() -> e.session.state() == SyncSession.State.OPEN);
  }

  @Test
  void threeClientsTypingAndFormattingConvergeThroughAForcedDisconnect() {
    long seed = System.nanoTime();
    System.out.println("EndToEndTest seed " + seed);
    Random random = new Random(seed);
    List<TestEditor> clients = List.of(join("ana", room.editKey(), fastConfig()),
        join("bo", room.editKey(), fastConfig()), join("cy", room.editKey(), fastConfig()));
    clients.forEach(EndToEndTest::awaitOpen);
    for (int i = 0; i < 300; i++) {
      TestEditor e = clients.get(random.nextInt(3));
      long editSeed = random.nextLong();
      e.edit(doc -> RandomEdits.next(new Random(editSeed), doc.length()));
      if (i == 150) {
        // mid-flight: bo has just submitted an op; drop its socket before the ack can arrive
        TestEditor bo = clients.get(1);
        bo.edit(doc -> Delta.builder().insert("offline!").build());
        ((SessionEngine) bo.session).dropConnection();
        bo.edit(doc -> Delta.builder().retain(3).insert("more").build());
      }
      if (i % 20 == 0) {
        sleep(random.nextInt(30));
      }
    }
    awaitConverged(clients);
    Delta doc = clients.get(0).document();
    // a newcomer gets the server's document in its welcome: the same
    TestEditor late = join("dee", room.editKey(), fastConfig());
    awaitOpen(late);
    await().atMost(Duration.ofSeconds(10)).until(() -> late.document().equals(doc));
    assertThat(clients.get(1).errors).noneMatch(SyncError::fatal);
  }

  /**
   * Presence end to end: ana selects while her own op is still in flight and bo edits at the
   * same time and afterwards; the selection bo finally sees covers the same characters. (An
   * insert exactly at a range's end extends it: positions move with transformPosition(i, false),
   * docs/protocol.md §4; so bo's edits stay off the boundaries.)
   */
  @Test
  void aRemoteSelectionLandsOnTheSameCharactersAfterConcurrentEdits() {
    TestEditor ana = join("ana", room.editKey(), fastConfig());
    TestEditor bo = join("bo", room.editKey(), fastConfig());
    awaitOpen(ana);
    awaitOpen(bo);
    ana.edit(doc -> Delta.builder().insert("hello world, bye").build());
    awaitConverged(List.of(ana, bo));

    // concurrently: ana inserts "big " before "world" and selects "world" at once (her op is
    // unacknowledged, so the selection is mapped back through it); bo inserts at the start
    ana.onUi(() -> {
      ana.edit(doc -> Delta.builder().retain(6).insert("big ").build());
      String text = ana.text();
      int w = text.indexOf("world");
      return ana.session.setSelection(List.of(new dev.tandem.protocol.Values.Range(w, w + 5)));
    });
    bo.edit(doc -> Delta.builder().insert("XYZ ").build());
    bo.edit(doc -> Delta.builder().retain(doc.length() - 1).insert("!").build());
    awaitConverged(List.of(ana, bo));
    awaitSelection(bo, ana, "world|,");

    // bo deletes before and inserts inside the selection; ana moves her caret while bo types
    bo.edit(doc -> Delta.builder().retain(4).delete(3).build()); // "XYZ lo big world, bye!"
    ana.onUi(() -> {
      int w = ana.text().indexOf('w');
      return ana.session.setSelection(List.of(new dev.tandem.protocol.Values.Range(w, w)));
    });
    bo.edit(doc -> Delta.builder().retain(doc.text().indexOf('w')).insert("new ").build());
    awaitConverged(List.of(ana, bo));
    String text = bo.text();
    assertThat(text).isEqualTo("XYZ lo big new world, bye!\n");
    awaitSelection(bo, ana, "|w");
    // and ana sees nobody's selection but bo's (bo never set one)
    assertThat(ana.selections).isEmpty();
  }

  @Test
  void aViewerCannotEditButSeesEdits() {
    TestEditor writer = join("ana", room.editKey(), fastConfig());
    TestEditor viewer = join("vi", room.viewKey(), fastConfig());
    awaitOpen(writer);
    awaitOpen(viewer);
    await().until(() -> viewer.session.status().role().isPresent());
    assertThat(viewer.edit(doc -> Delta.builder().insert("nope").build())).isEqualTo(Outcome.READ_ONLY);
    assertThat(viewer.undo()).isEqualTo(Outcome.READ_ONLY);
    writer.edit(doc -> Delta.builder().insert("hello").build());
    await().atMost(Duration.ofSeconds(10)).until(() -> viewer.text().equals("hello\n"));
    assertThat(viewer.session.sendChat("hi")).isEqualTo(Outcome.ACCEPTED);
    await().until(() -> writer.chat.size() == 1);
    assertThat(writer.chat.get(0).text()).isEqualTo("hi");
  }

  @Test
  void closedSessionRefusesWithAStatus() {
    TestEditor writer = join("ana", room.editKey(), fastConfig());
    awaitOpen(writer);
    writer.session.close();
    assertThat(writer.session.state()).isEqualTo(SyncSession.State.CLOSED);
    assertThat(writer.edit(doc -> Delta.builder().insert("x").build())).isEqualTo(Outcome.SESSION_CLOSED);
  }

  @Test
  void wrongKeyFails() {
    TestEditor e = join("eve", dev.tandem.protocol.Ids.random(), fastConfig());
    await().atMost(Duration.ofSeconds(10)).until(() -> e.session.state() == SyncSession.State.FAILED);
    assertThat(e.errors).anyMatch(err -> err.code().equals("bad-key") && err.fatal());
  }

  /** Waits until {@code viewer} shows {@code peer}'s selection as {@code expected} (see peerSelection). */
  static void awaitSelection(TestEditor viewer, TestEditor peer, String expected) {
    try {
      await().atMost(Duration.ofSeconds(10))
          .until(() -> expected.equals(viewer.peerSelection(peer.session.clientId())));
    } catch (RuntimeException e) {
      throw new AssertionError("selection seen: " + viewer.peerSelection(peer.session.clientId())
          + " in " + viewer.text() + "; expected " + expected, e);
    }
  }

  static void awaitConverged(List<TestEditor> clients) {
    try {
      awaitConvergedOrThrow(clients);
    } catch (RuntimeException e) {
      for (TestEditor c : clients) {
        System.out.println(c.session.clientId() + " " + c.session.status() + " errors=" + c.errors
            + "\n   doc=" + c.document());
      }
      throw e;
    }
  }

  static void awaitConvergedOrThrow(List<TestEditor> clients) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
      long rev = -1;
      for (TestEditor c : clients) {
        SyncStatus s = c.session.status();
        if (s.state() != SyncSession.State.OPEN || s.pendingEdits() != 0) {
          return false;
        }
        if (rev >= 0 && s.revision() != rev) {
          return false;
        }
        rev = s.revision();
      }
      Delta first = clients.get(0).document();
      return clients.stream().allMatch(c -> c.document().equals(first));
    });
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
