package dev.tandem.server.room;

import java.nio.charset.StandardCharsets;

/**
 * A frame encoded once to be queued on one or many connections ({@link ClientConnection#sendHeld}):
 * its JSON text and, made on first use and then shared by every recipient, its UTF-8 bytes (the
 * WebSocket payload; its length is the frame's size for the outbound bound). The bytes are never
 * written to after they are made, so transports may read them from any thread.
 *
 * <p>Made and first used on the room's thread.
 */
public final class OutboundFrame {
  private final String text;
  private byte[] utf8;

  public OutboundFrame(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  /** The payload; do not modify. */
  public byte[] utf8() {
    byte[] bytes = utf8;
    if (bytes == null) {
      bytes = text.getBytes(StandardCharsets.UTF_8);
      utf8 = bytes;
    }
    return bytes;
  }

  @Override
  public String toString() {
    return text;
  }
}
