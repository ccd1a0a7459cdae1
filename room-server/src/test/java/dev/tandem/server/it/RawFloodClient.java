package dev.tandem.server.it;

import dev.tandem.protocol.MessageCodec;
import dev.tandem.protocol.ServerMessage;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain socket for the flood and slow-consumer tests: it writes frames at
 * once and then only reads, when the test says so. The JDK client cannot be used there:
 *
 * <ul>
 *   <li>a server that closes a flooding connection resets it (its socket still holds unread
 *       frames), the JDK client's next write fails with "Broken pipe", and the JDK then reports
 *       the failure and drops the frames it had received but not yet delivered, the error frame
 *       among them;
 *   <li>a paused JDK client that resumes after the server dropped it sometimes never reports the
 *       end: seen 3 times in 24 runs on a loaded machine (4 busy loops on 2 cores), its socket in CLOSE-WAIT with nothing
 *       left to read (the kernel had delivered the end) and no onClose or onError for minutes.
 * </ul>
 *
 * Linux still lets a plain socket read what arrived before a reset, so this client sees exactly
 * what the server sent, and how the connection ended.
 */
final class RawFloodClient implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;

  /**
   * What the server sent: its text frames, decoded, their payload bytes, and the close frame's
   * code (or -1: the connection ended without one, by EOF or reset).
   */
  record Received(List<ServerMessage> messages, long textBytes, int closeCode) {}

  RawFloodClient(int port, String roomId) throws IOException {
    this(port, roomId, 0, 10_000);
  }

  /**
   * {@code receiveBufferBytes} > 0 fixes the socket's receive buffer (before connecting, so the
   * kernel does not grow it): a client that stops reading then holds at most about that much.
   * {@code readTimeoutMillis} bounds each read.
   */
  RawFloodClient(int port, String roomId, int receiveBufferBytes, int readTimeoutMillis) throws IOException {
    socket = new Socket();
    if (receiveBufferBytes > 0) {
      socket.setReceiveBufferSize(receiveBufferBytes);
    }
    socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), readTimeoutMillis);
    socket.setSoTimeout(readTimeoutMillis);
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    String request = "GET /rooms/" + roomId + " HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + port + "\r\n"
        + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n\r\n";
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    in = new DataInputStream(socket.getInputStream());
    String status = readHeaders(in);
    if (!status.startsWith("HTTP/1.1 101")) {
      throw new IOException("no upgrade: " + status);
    }
  }

  private static String readHeaders(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed during the handshake");
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.US_ASCII);
    return text.substring(0, text.indexOf("\r\n"));
  }

  /** Writes all {@code frames} as masked text frames in one write, and nothing after. */
  void sendAll(List<String> frames) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String frame : frames) {
      byte[] payload = frame.getBytes(StandardCharsets.UTF_8);
      if (payload.length > 0xFFFF) {
        throw new IllegalArgumentException("frame too long for this client");
      }
      out.write(0x81); // FIN + text
      if (payload.length < 126) {
        out.write(0x80 | payload.length);
      } else {
        out.write(0x80 | 126);
        out.write(payload.length >>> 8);
        out.write(payload.length & 0xFF);
      }
      byte[] mask = new byte[4];
      ThreadLocalRandom.current().nextBytes(mask);
      out.write(mask);
      for (int i = 0; i < payload.length; i++) {
        out.write(payload[i] ^ mask[i & 3]);
      }
    }
    socket.getOutputStream().write(out.toByteArray());
    socket.getOutputStream().flush();
  }

  /**
   * Reads until the server's close frame, the end of the stream or a reset (whatever arrived
   * before a reset is still read). Text frames are decoded; pings and pongs are skipped.
   */
  Received readUntilClosed() throws IOException {
    List<ServerMessage> messages = new ArrayList<>();
    long textBytes = 0;
    try {
      while (true) {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7F;
        if (length == 126) {
          length = in.readUnsignedShort();
        } else if (length == 127) {
          length = in.readLong();
        }
        if ((b1 & 0x80) != 0 || length > 16 * 1024 * 1024) {
          throw new IOException("unexpected frame header from the server");
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        int opcode = b0 & 0x0F;
        if (opcode == 0x1) {
          messages.add(MessageCodec.decodeServer(new String(payload, StandardCharsets.UTF_8)));
          textBytes += payload.length;
        } else if (opcode == 0x8) {
          int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
          return new Received(messages, textBytes, code);
        }
      }
    } catch (EOFException | java.net.SocketException endedWithoutClose) {
      // A read timeout (SocketTimeoutException) is neither: it propagates and fails the test.
      return new Received(messages, textBytes, -1);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
