package dev.tandem.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.protocol.Role;
import dev.tandem.protocol.Values.User;
import dev.tandem.server.RoomServer;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.room.RoomCreator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The owner's actions ({@link SyncSession#rotateKeys}, {@link SyncSession#removeParticipant}) and
 * the reconnect countdown in {@link SyncStatus#nextAttempt()}: real sessions over real WebSockets
 * against a real in-process room server with SQLite.
 */
class AdminEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  @TempDir Path dir;
  RoomServer server;
  RoomCreator.NewRoom room;
  final List<TestEditor> editors = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = RoomServer.start(ServerConfig.builder().port(0).dataDirectory(dir.resolve("server")).build());
    room = server.createRoom();
  }

  @AfterEach
  void stop() {
    editors.forEach(TestEditor::close);
    if (server != null) {
      server.close();
    }
  }

  TestEditor join(String name, String key) {
    TestEditor editor = new TestEditor(name);
    editor.session = SyncSession.connect(RoomLink.of("127.0.0.1", server.port(), room.id(), key),
        new User(name, "#336699"),
        EndToEndTest.fastConfig().toBuilder().listenerExecutor(editor.ui).build(), editor);
    editors.add(editor);
    return editor;
  }

  static void awaitState(TestEditor e, SyncSession.State state) {
    await().atMost(WAIT).until(() -> e.session.state() == state);
  }

  static void awaitRole(TestEditor e) {
    awaitState(e, SyncSession.State.OPEN);
    await().atMost(WAIT).until(() -> e.session.status().role().isPresent());
  }

  @Test
  void onlyTheAdminKeyMayRotateOrRemove() {
    TestEditor writer = join("ana", room.editKey());
    TestEditor viewer = join("vi", room.viewKey());
    awaitRole(writer);
    awaitRole(viewer);
    String viewerId = viewer.session.clientId();
    assertThat(writer.session.rotateKeys(Set.of(Role.EDIT))).isEqualTo(Outcome.NOT_ADMIN);
    assertThat(writer.session.removeParticipant(viewerId)).isEqualTo(Outcome.NOT_ADMIN);
    assertThat(viewer.session.rotateKeys(Set.of(Role.VIEW))).isEqualTo(Outcome.NOT_ADMIN);
    // nothing was sent: nobody was refused by the server, nobody left
    EndToEndTest.sleep(200);
    assertThat(writer.errors).isEmpty();
    assertThat(viewer.session.state()).isEqualTo(SyncSession.State.OPEN);
  }

  @Test
  void rotatingKeysDisconnectsOldKeysAndHandsTheOwnerNewOnes() {
    TestEditor owner = join("owner", room.adminKey());
    TestEditor writer = join("ana", room.editKey());
    TestEditor viewer = join("vi", room.viewKey());
    awaitRole(owner);
    awaitRole(writer);
    awaitRole(viewer);
    assertThat(owner.session.status().role()).contains(Role.ADMIN);
    assertThat(owner.session.rotateKeys(Set.of())).isEqualTo(Outcome.INVALID);

    assertThat(owner.session.rotateKeys(Set.of(Role.EDIT, Role.VIEW))).isEqualTo(Outcome.ACCEPTED);
    await().atMost(WAIT).until(() -> owner.rotatedKeys.size() == 1);
    Map<Role, String> keys = owner.rotatedKeys.getFirst();
    assertThat(keys.keySet()).containsExactlyInAnyOrder(Role.EDIT, Role.VIEW);
    assertThat(keys.get(Role.EDIT)).isNotEqualTo(room.editKey()).matches(dev.tandem.protocol.Ids::isValid);
    assertThat(keys.get(Role.VIEW)).isNotEqualTo(room.viewKey()).matches(dev.tandem.protocol.Ids::isValid);

    // everyone who joined with an old key is out, for good; the owner stays
    awaitState(writer, SyncSession.State.FAILED);
    awaitState(viewer, SyncSession.State.FAILED);
    assertThat(writer.errors).anyMatch(e -> e.code().equals("key-revoked") && e.fatal());
    assertThat(owner.session.state()).isEqualTo(SyncSession.State.OPEN);

    // the old edit link no longer opens the room; the new one does
    TestEditor oldLink = join("late", room.editKey());
    awaitState(oldLink, SyncSession.State.FAILED);
    assertThat(oldLink.errors).anyMatch(e -> e.code().equals("bad-key"));
    TestEditor newLink = join("new", keys.get(Role.EDIT));
    awaitRole(newLink);
    assertThat(newLink.session.status().role()).contains(Role.EDIT);
  }

  @Test
  void removingAParticipantDisconnectsItAndIsConfirmed() {
    TestEditor owner = join("owner", room.adminKey());
    TestEditor bo = join("bo", room.editKey());
    awaitRole(owner);
    awaitRole(bo);
    String boId = bo.session.clientId();
    await().atMost(WAIT).until(() -> owner.joined.stream().anyMatch(p -> p.clientId().equals(boId)));
    assertThat(owner.session.removeParticipant(owner.session.clientId())).isEqualTo(Outcome.INVALID);
    assertThat(owner.session.removeParticipant("not an id")).isEqualTo(Outcome.INVALID);

    assertThat(owner.session.removeParticipant(boId)).isEqualTo(Outcome.ACCEPTED);
    await().atMost(WAIT).until(() -> owner.removed.contains(boId));
    awaitState(bo, SyncSession.State.FAILED);
    assertThat(bo.errors).anyMatch(e -> e.code().equals("removed") && e.fatal());
    await().atMost(WAIT).until(() -> owner.left.stream().anyMatch(p -> p.clientId().equals(boId)));

    // someone no longer there: a non-fatal unknown-peer, the owner stays
    assertThat(owner.session.removeParticipant(boId)).isEqualTo(Outcome.ACCEPTED);
    await().atMost(WAIT).until(() -> owner.errors.stream().anyMatch(e -> e.code().equals("unknown-peer")));
    assertThat(owner.errors).noneMatch(SyncError::fatal);
    assertThat(owner.session.state()).isEqualTo(SyncSession.State.OPEN);
  }

  @Test
  void adminActionsNeedAnOpenSession() {
    TestEditor owner = join("owner", room.adminKey());
    awaitRole(owner);
    owner.session.close();
    assertThat(owner.session.rotateKeys(Set.of(Role.EDIT))).isEqualTo(Outcome.SESSION_CLOSED);
    assertThat(owner.session.removeParticipant(dev.tandem.protocol.Ids.random())).isEqualTo(Outcome.SESSION_CLOSED);
  }

  @Test
  void whileReconnectingTheStatusNamesTheNextAttempt() {
    TestEditor ana = join("ana", room.editKey());
    awaitRole(ana);
    assertThat(ana.session.status().nextAttempt()).isEmpty();
    Instant before = Instant.now();
    server.close();
    server = null;
    await().atMost(WAIT).until(() -> ana.statuses.stream().anyMatch(s -> s.nextAttempt().isPresent()));
    SyncStatus waiting = ana.statuses.stream().filter(s -> s.nextAttempt().isPresent()).findFirst().orElseThrow();
    assertThat(waiting.state()).isEqualTo(SyncSession.State.RECONNECTING);
    // fastConfig: backoff from 50 ms up to 400 ms with ±20 % jitter
    assertThat(waiting.nextAttempt().get()).isAfter(before)
        .isBefore(Instant.now().plusMillis(400 * 12 / 10 + 1));
    // once an attempt starts the countdown is gone, and the next failure schedules a later one
    await().atMost(WAIT).until(() -> ana.statuses.stream().filter(s -> s.nextAttempt().isPresent()).count() >= 2);
    assertThat(ana.statuses).anySatisfy(s -> {
      assertThat(s.state()).isEqualTo(SyncSession.State.RECONNECTING);
      assertThat(s.nextAttempt()).isEmpty();
    });
    ana.session.close();
    await().atMost(WAIT).until(() -> ana.status.state() == SyncSession.State.CLOSED);
    assertThat(ana.status.nextAttempt()).isEmpty();
  }
}
