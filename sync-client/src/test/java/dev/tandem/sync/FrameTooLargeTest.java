package dev.tandem.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.Values.Limits;
import dev.tandem.protocol.Values.User;
import dev.tandem.server.RoomServer;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.room.RoomConfig;
import dev.tandem.server.room.RoomCreator;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An edit larger than a room's {@code maxFrameBytes} (here the smallest the protocol allows,
 * 512 KiB): sent as one op, the server would close the socket (1009) at every resend, for ever,
 * and nothing typed after it would reach the room. The client sends it in parts that fit
 * (docs/protocol.md §6, "Large edits"; {@code ClientState.MAX_OP_BYTES}).
 */
class FrameTooLargeTest {
  static final int MAX_FRAME = 512 * 1024;

  @TempDir Path dir;
  RoomServer server;
  RoomCreator.NewRoom room;

  @BeforeEach
  void start() throws Exception {
    RoomConfig rooms = RoomConfig.DEFAULTS.withLimits(new Limits(MAX_FRAME, 10_000_000, 50, 50, 4_000));
    server = RoomServer.start(ServerConfig.builder().port(0).dataDirectory(dir.resolve("server"))
        .rooms(rooms).build());
    room = server.createRoom();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aPasteTooLargeForOneFrameAndTheTypingAfterItReachTheRoom() {
    try (TestEditor ana = join("ana"); TestEditor bo = join("bo")) {
      String paste = "x".repeat(2 * MAX_FRAME); // one edit, two frames' worth
      ana.edit(doc -> Delta.builder().insert(paste).build());
      ana.edit(doc -> Delta.builder().insert("typed after\n").build());

      // The parts arrive in order; the typing, composed into the buffer behind the paste's head,
      // may arrive before the last of them.
      String expected = "typed after\n" + paste + "\n";
      await().atMost(Duration.ofSeconds(20)).until(() -> bo.text().equals(expected));
      assertThat(ana.text()).isEqualTo(expected);
      assertThat(ana.errors).noneMatch(SyncError::fatal);
      await().atMost(Duration.ofSeconds(10)).until(() -> ana.status.pendingEdits() == 0);
    }
  }

  private TestEditor join(String name) {
    TestEditor editor = new TestEditor(name);
    editor.session = SyncSession.connect(RoomLink.of("127.0.0.1", server.port(), room.id(), room.editKey()),
        new User(name, "#336699"), EndToEndTest.fastConfig().toBuilder().listenerExecutor(editor.ui).build(),
        editor);
    await().atMost(Duration.ofSeconds(10)).until(() -> editor.session.state() == SyncSession.State.OPEN);
    return editor;
  }
}
