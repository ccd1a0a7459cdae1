package dev.tandem.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.protocol.ServerMessage;
import dev.tandem.server.RoomServer;
import dev.tandem.server.room.RoomCreator.NewRoom;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server pings and the missing-pong close (docs/protocol.md §1), with fast intervals. The dead
 * client is a raw socket that completes the upgrade and then never answers a ping (the JDK client
 * would answer them automatically); a JDK client in the same room, which does answer, stays.
 */
class LivenessTest {
  @TempDir Path data;

  @Test
  void connectionThatNeverAnswersPingsIsClosedAndAnsweringOneStays() throws Exception {
    try (RoomServer server = RunningServer.start(RunningServer.config(data)
        .liveness(Duration.ofMillis(200), Duration.ofMillis(600)).build())) {
      NewRoom room = server.createRoom();
      try (TestClient live = TestClient.connect(server.port(), room.id());
           Socket dead = new Socket("127.0.0.1", server.port())) {
        live.hello(room.id(), room.editKey());
        dead.setSoTimeout((int) TestClient.WAIT.toMillis());
        upgrade(dead, room.id());

        DataInputStream in = new DataInputStream(dead.getInputStream());
        int pings = 0;
        while (true) {
          int opcode = in.readUnsignedByte() & 0x0f;
          byte[] payload = payload(in);
          if (opcode == 0x9) {
            pings++;
          } else if (opcode == 0x8) {
            int code = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
            assertThat(code).isEqualTo(1001);
            break;
          }
        }
        assertThat(pings).as("pings before the close").isGreaterThanOrEqualTo(1);

        // The answering client outlived several sweeps and still works.
        assertThat(live.isClosed()).isFalse();
        live.chat("alive");
        assertThat(live.skipTo(ServerMessage.Chat.class).text()).isEqualTo("alive");
      }
    }
  }

  private static void upgrade(Socket socket, String roomId) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(("GET /rooms/" + roomId + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    StringBuilder head = new StringBuilder();
    var in = socket.getInputStream();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed during the upgrade: " + head);
      }
      head.append((char) b);
    }
    assertThat(head.toString()).startsWith("HTTP/1.1 101");
  }

  /** Reads an unmasked server frame's payload (length byte already next in the stream). */
  private static byte[] payload(DataInputStream in) throws IOException {
    int length = in.readUnsignedByte() & 0x7f;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = (int) in.readLong();
    }
    byte[] payload = new byte[length];
    in.readFully(payload);
    return payload;
  }
}
