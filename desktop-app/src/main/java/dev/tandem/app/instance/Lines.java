package dev.tandem.app.instance;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reads one bounded, strictly UTF-8, newline-terminated line from a blocking channel. */
final class Lines {
  private Lines() {}

  /**
   * The line without its newline. Fails if the peer closes first, sends more than
   * {@code maxBytes} before a newline, or sends bytes that are not UTF-8.
   */
  static String read(SocketChannel channel, int maxBytes) throws IOException {
    ByteBuffer line = ByteBuffer.allocate(maxBytes);
    ByteBuffer one = ByteBuffer.allocate(1);
    while (true) {
      one.clear();
      if (channel.read(one) < 0) {
        throw new IOException("the other side closed before the end of the line");
      }
      byte b = one.get(0);
      if (b == '\n') {
        line.flip();
        return decode(line);
      }
      if (!line.hasRemaining()) {
        throw new IOException("line longer than " + maxBytes + " bytes");
      }
      line.put(b);
    }
  }

  private static String decode(ByteBuffer bytes) throws IOException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes).toString();
    } catch (CharacterCodingException e) {
      throw new IOException("the line is not UTF-8");
    }
  }
}
