package dev.tandem.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.protocol.Values.User;
import dev.tandem.server.RoomServer;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.room.RoomCreator;
import dev.tandem.sync.internal.OkHttpTransport;
import dev.tandem.sync.internal.SessionEngine;
import dev.tandem.sync.internal.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session started from a document the caller holds ({@link KnownDocument}): the host that just
 * created a room from a file. Real sessions with real journal files, over real WebSockets, against
 * a real room-server with SQLite; the frames the session receives are recorded to see what the
 * server sent.
 */
class KnownDocumentTest {
  @TempDir Path dir;
  RoomServer server;
  final List<TestEditor> editors = new CopyOnWriteArrayList<>();
  /** Every frame the sessions under test received, in order. */
  final List<String> received = new CopyOnWriteArrayList<>();

  static final Delta DOCUMENT = Delta.builder()
      .insert("A title").insert("\n", Attributes.of("header", 1))
      .insert("Some ").insert("bold", Attributes.of("bold", true)).insert(" words.\nA second line\n")
      .build();

  @BeforeEach
  void start() throws Exception {
    server = RoomServer.start(ServerConfig.builder().port(0).dataDirectory(dir.resolve("server")).build());
  }

  @AfterEach
  void stop() {
    editors.forEach(TestEditor::close);
    server.close();
  }

  SyncConfig config() {
    return EndToEndTest.fastConfig().toBuilder().journalDirectory(dir.resolve("journal")).build();
  }

  /** A session over OkHttp that records what it receives. */
  TestEditor startFrom(RoomCreator.NewRoom room, KnownDocument known, SyncConfig config) {
    TestEditor editor = new TestEditor("host");
    Transport recording = new Transport() {
      final OkHttpTransport real = new OkHttpTransport(config.connectTimeout(), config.pingInterval());

      @Override
      public Connection connect(String url, Listener listener) {
        return real.connect(url, new Listener() {
          @Override
          public void onOpen() {
            listener.onOpen();
          }

          @Override
          public void onMessage(String text) {
            received.add(text);
            listener.onMessage(text);
          }

          @Override
          public void onClosed(int code, String reason) {
            listener.onClosed(code, reason);
          }

          @Override
          public void onFailure(Throwable error) {
            listener.onFailure(error);
          }
        });
      }

      @Override
      public void shutdown() {
        real.shutdown();
      }
    };
    editor.session = SessionEngine.start(RoomLink.of("127.0.0.1", server.port(), room.id(), room.adminKey()),
        new User("host", "#336699"), config.toBuilder().listenerExecutor(editor.ui).build(), editor,
        recording, known);
    editors.add(editor);
    return editor;
  }

  TestEditor join(RoomCreator.NewRoom room, String name, SyncConfig config) {
    TestEditor editor = new TestEditor(name);
    editor.session = SyncSession.connect(RoomLink.of("127.0.0.1", server.port(), room.id(), room.editKey()),
        new User(name, "#993366"), config.toBuilder().listenerExecutor(editor.ui).build(), editor);
    editors.add(editor);
    return editor;
  }

  /** Until the editor applied the session's first change (the known document). */
  static void awaitShown(TestEditor editor) {
    await().atMost(Duration.ofSeconds(10)).until(() -> !editor.origins.isEmpty());
  }

  private List<String> welcomes() {
    return received.stream().filter(f -> f.contains("\"type\":\"welcome\"")).toList();
  }

  @Test
  void theHostStartsFromTheDocumentItCreatedTheRoomWithAndTheServerDoesNotSendItBack() throws Exception {
    RoomCreator.NewRoom room = server.createRoom(DOCUMENT);
    TestEditor host = startFrom(room, new KnownDocument(0, DOCUMENT), config());
    // An edit as soon as the editor shows the document (normally before the session has even
    // connected): accepted, on the known document.
    awaitShown(host);
    assertThat(host.document()).isEqualTo(DOCUMENT);
    assertThat(host.edit(doc -> Delta.builder().retain(doc.length() - 1).insert("!").build()))
        .isEqualTo(Outcome.ACCEPTED);
    await().atMost(Duration.ofSeconds(10)).until(() -> host.status.state() == SyncSession.State.OPEN
        && host.status.pendingEdits() == 0 && host.status.revision() == 1);

    assertThat(host.origins.getFirst()).isEqualTo(ChangeOrigin.RESTORE);
    assertThat(host.origins).containsOnly(ChangeOrigin.RESTORE); // nothing else came down
    // The welcome caught up by revision: no document in it.
    assertThat(welcomes()).hasSize(1);
    assertThat(welcomes().getFirst()).contains("\"ops\":[]").doesNotContain("\"doc\"").doesNotContain("A title");
    // The server's document is the host's: a newcomer receives exactly it.
    Delta expected = host.document();
    assertThat(expected.slice(0, DOCUMENT.length() - 1)).isEqualTo(DOCUMENT.slice(0, DOCUMENT.length() - 1));
    TestEditor guest = join(room, "guest", EndToEndTest.fastConfig());
    await().atMost(Duration.ofSeconds(10)).until(() -> guest.status.state() == SyncSession.State.OPEN
        && guest.document().equals(expected));
    assertThat(host.errors).isEmpty();
  }

  @Test
  void theJournalHoldsTheKnownDocumentSoANewSessionRestoresIt() throws Exception {
    RoomCreator.NewRoom room = server.createRoom(DOCUMENT);
    TestEditor host = startFrom(room, new KnownDocument(0, DOCUMENT), config());
    await().atMost(Duration.ofSeconds(10)).until(() -> host.status.state() == SyncSession.State.OPEN);
    String clientId = host.session.clientId();
    host.close();
    editors.remove(host);
    assertThat(Files.list(dir.resolve("journal")).map(p -> p.getFileName().toString()))
        .contains(room.id() + ".journal");

    // Offline (the server is gone): the journal alone brings the document back, at revision 0.
    server.close();
    TestEditor again = new TestEditor("host-again");
    again.session = SyncSession.connect(RoomLink.of("127.0.0.1", 1, room.id(), room.adminKey()),
        new User("host", "#336699"), config().toBuilder().listenerExecutor(again.ui).build(), again);
    editors.add(again);
    awaitShown(again); // the session reads its journal in the background
    assertThat(again.origins).first().isEqualTo(ChangeOrigin.RESTORE);
    assertThat(again.document()).isEqualTo(DOCUMENT);
    assertThat(again.session.clientId()).isEqualTo(clientId);
    assertThat(again.edit(doc -> Delta.builder().insert("offline ").build())).isEqualTo(Outcome.ACCEPTED);
  }

  @Test
  void opsCommittedAfterTheKnownRevisionArriveAsCatchUp() {
    RoomCreator.NewRoom room = server.createRoom(DOCUMENT);
    TestEditor other = join(room, "other", EndToEndTest.fastConfig());
    await().atMost(Duration.ofSeconds(10)).until(() -> other.status.state() == SyncSession.State.OPEN);
    other.edit(doc -> Delta.builder().insert("Before. ").build());
    other.edit(doc -> Delta.builder().retain(3).delete(2).build());
    await().atMost(Duration.ofSeconds(10)).until(() -> other.status.pendingEdits() == 0 && other.status.revision() >= 1);
    long rev = other.status.revision();

    // The host only knows revision 0: the welcome brings the ops since, and both converge.
    TestEditor host = startFrom(room, new KnownDocument(0, DOCUMENT), config());
    awaitShown(host);
    host.edit(doc -> Delta.builder().retain(doc.length() - 1).insert(" host").build());
    await().atMost(Duration.ofSeconds(10)).until(() -> host.status.state() == SyncSession.State.OPEN
        && host.status.pendingEdits() == 0 && other.status.pendingEdits() == 0
        && host.status.revision() == other.status.revision()
        && host.document().equals(other.document()));
    assertThat(host.status.revision()).isEqualTo(rev + 1);
    assertThat(host.text()).startsWith("Befe. A title\n").endsWith("second line host\n");
    assertThat(welcomes().getFirst()).doesNotContain("\"doc\"");
  }

  @Test
  void aJournalWithStateWinsOverTheKnownDocument() {
    RoomCreator.NewRoom room = server.createRoom(DOCUMENT);
    TestEditor first = startFrom(room, new KnownDocument(0, DOCUMENT), config());
    awaitShown(first);
    first.edit(doc -> Delta.builder().insert("Mine. ").build());
    await().atMost(Duration.ofSeconds(10)).until(() -> first.status.state() == SyncSession.State.OPEN
        && first.status.pendingEdits() == 0);
    Delta journalled = first.document();
    first.close();
    editors.remove(first);

    // Started again from the (now stale) revision-0 document: the journal's state is used instead.
    TestEditor second = startFrom(room, new KnownDocument(0, DOCUMENT), config());
    await().atMost(Duration.ofSeconds(10)).until(() -> second.status.state() == SyncSession.State.OPEN);
    assertThat(second.document()).isEqualTo(journalled);
    assertThat(second.status.revision()).isEqualTo(1);
  }

  @Test
  void onlyADocumentEndingWithANewlineIsKnown() {
    assertThatThrownBy(() -> new KnownDocument(0, Delta.builder().insert("no newline").build()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KnownDocument(0, Delta.builder().retain(3).build()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KnownDocument(-1, DOCUMENT)).isInstanceOf(IllegalArgumentException.class);
  }
}
