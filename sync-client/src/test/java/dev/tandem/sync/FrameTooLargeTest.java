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
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An op whose frame is larger than the room's {@code maxFrameBytes}: the server closes the socket
 * (1009) and the op is never committed. What the client typed after it must still reach the room.
 *
 * <p>Fails today: the client reconnects and resends the same op (docs/protocol.md §6: the
 * outstanding op with its seq), which closes the socket again, for ever; everything typed after
 * it stays in the buffer and never reaches the room. A paste of more than about 1 MiB (the
 * default limit) in the app, or offline work whose composed buffer grows past it, does this.
 */
class FrameTooLargeTest {
  static final int MAX_FRAME = 8 * 1024;

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
  @Disabled("defect left to the lead: the client must split an op whose frame exceeds the welcome's"
      + " maxFrameBytes into ops that fit (a journalled decision, since it fixes what each seq carries);"
      + " today it resends it after every 1009 close, for ever")
  void typingAfterAPasteTooLargeForOneFrameReachesTheRoom() {
    try (TestEditor ana = join("ana"); TestEditor bo = join("bo")) {
      ana.edit(doc -> Delta.builder().insert("x".repeat(2 * MAX_FRAME)).build()); // one op, two frames' worth
      ana.edit(doc -> Delta.builder().insert("typed after\n").build());

      await().atMost(Duration.ofSeconds(20)).until(() -> bo.text().contains("typed after"));
      assertThat(ana.errors).noneMatch(SyncError::fatal);
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
