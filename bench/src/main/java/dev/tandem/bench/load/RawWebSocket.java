package dev.tandem.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * A client WebSocket (RFC 6455) on a plain NIO {@link SocketChannel}, for a load generator that
 * drives many sockets from one thread: the opening handshake (blocking, with the
 * {@code Sec-WebSocket-Accept} check), then non-blocking reads and writes of real frames. Client
 * frames are masked with a fresh key each; server frames are checked to be unmasked; fragmented
 * messages are reassembled; pings are answered with pongs. No extensions are offered, so frames
 * are never compressed.
 *
 * <p>Not thread-safe: owned by the thread that runs the selector loop (after {@link #open}).
 */
final class RawWebSocket {
  /** What the owner does with what arrives. */
  interface Handler {
    /** A whole text message, UTF-8 in {@code bytes[offset, offset + length)} (valid until return). */
    void onText(byte[] bytes, int offset, int length);

    /** A close frame or end of stream ({@code code} -1 when the stream just ended). */
    void onClosed(int code, String reason);
  }

  private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final int OP_CONTINUATION = 0;
  private static final int OP_TEXT = 1;
  private static final int OP_CLOSE = 8;
  private static final int OP_PING = 9;
  private static final int OP_PONG = 10;

  private final SocketChannel channel;
  private final SplittableRandom random;
  private Handler handler;
  private SelectionKey key;
  /** Bytes read and not yet parsed (read mode between calls). */
  private ByteBuffer in = ByteBuffer.allocate(64 * 1024);
  /** Bytes to write that the socket did not take yet (read mode; empty when drained). */
  private ByteBuffer out = ByteBuffer.allocate(16 * 1024).flip();
  /** A fragmented message being reassembled. */
  private byte[] message = new byte[0];
  private int messageLength;
  private boolean inFragmentedText;
  private boolean closed;

  private RawWebSocket(SocketChannel channel, long seed) {
    this.channel = channel;
    this.random = new SplittableRandom(seed);
  }

  /**
   * Connects to {@code uri} (ws://, loopback) and completes the opening handshake, blocking; the
   * channel is left non-blocking for {@link #register}.
   */
  static RawWebSocket open(URI uri, long seed) throws IOException {
    SocketChannel channel = SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort()));
    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    RawWebSocket ws = new RawWebSocket(channel, seed);
    ws.handshake(uri);
    channel.configureBlocking(false);
    return ws;
  }

  private void handshake(URI uri) throws IOException {
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    String key = Base64.getEncoder().encodeToString(nonce);
    String request = "GET " + uri.getRawPath() + " HTTP/1.1\r\n"
        + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
        + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + key + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n\r\n";
    ByteBuffer req = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
    while (req.hasRemaining()) {
      channel.write(req);
    }
    // Read up to the end of the response head; anything after it is already frames.
    int headEnd = -1;
    while (headEnd < 0) {
      if (channel.read(in) < 0) {
        throw new IOException("connection closed during the WebSocket handshake");
      }
      headEnd = indexOfHeadEnd(in.array(), in.position());
      if (headEnd < 0 && !in.hasRemaining()) {
        throw new IOException("WebSocket handshake response too long");
      }
    }
    String head = new String(in.array(), 0, headEnd, StandardCharsets.ISO_8859_1);
    if (!head.startsWith("HTTP/1.1 101")) {
      throw new IOException("WebSocket handshake refused: " + head.lines().findFirst().orElse(""));
    }
    String expected = accept(key);
    boolean accepted = head.lines().anyMatch(line -> {
      int colon = line.indexOf(':');
      return colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Sec-WebSocket-Accept")
          && line.substring(colon + 1).trim().equals(expected);
    });
    if (!accepted) {
      throw new IOException("WebSocket handshake without the right Sec-WebSocket-Accept: " + head);
    }
    in.flip();
    in.position(headEnd + 4);
  }

  private static int indexOfHeadEnd(byte[] b, int limit) {
    for (int i = 0; i + 3 < limit; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static String accept(String key) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      return Base64.getEncoder().encodeToString(
          sha1.digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Registers for reads with the owner's selector; frames already read are parsed at once. */
  void register(java.nio.channels.Selector selector, Handler owner) throws IOException {
    this.handler = owner;
    this.key = channel.register(selector, SelectionKey.OP_READ, this);
    parseFrames();
  }

  /** Sends one text message as a single masked frame (queued if the socket is full). */
  void sendText(byte[] payload) throws IOException {
    sendFrame(OP_TEXT, payload, payload.length);
  }

  private void sendFrame(int opcode, byte[] payload, int length) throws IOException {
    int header = length < 126 ? 2 : length < 65536 ? 4 : 10;
    ByteBuffer frame = ByteBuffer.allocate(header + 4 + length);
    frame.put((byte) (0x80 | opcode));
    if (length < 126) {
      frame.put((byte) (0x80 | length));
    } else if (length < 65536) {
      frame.put((byte) (0x80 | 126)).putShort((short) length);
    } else {
      frame.put((byte) (0x80 | 127)).putLong(length);
    }
    int mask = random.nextInt();
    frame.putInt(mask);
    byte[] maskBytes = {(byte) (mask >>> 24), (byte) (mask >>> 16), (byte) (mask >>> 8), (byte) mask};
    for (int i = 0; i < length; i++) {
      frame.put((byte) (payload[i] ^ maskBytes[i & 3]));
    }
    frame.flip();
    write(frame);
  }

  private void write(ByteBuffer frame) throws IOException {
    if (!out.hasRemaining()) {
      channel.write(frame);
      if (!frame.hasRemaining()) {
        return;
      }
    }
    // Keep what the socket did not take, in order, and ask to be told when it can take more.
    ByteBuffer bigger = out.remaining() + frame.remaining() > out.capacity() - out.limit()
        ? ByteBuffer.allocate(Math.max(out.capacity(), 2 * (out.remaining() + frame.remaining())))
        : null;
    if (bigger != null) {
      bigger.put(out).put(frame).flip();
      out = bigger;
    } else {
      out.compact().put(frame).flip();
    }
    key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
  }

  /** The selector said the socket can take more. */
  void onWritable() throws IOException {
    channel.write(out);
    if (!out.hasRemaining()) {
      key.interestOps(SelectionKey.OP_READ);
    }
  }

  /** The selector said there is something to read: read it and hand over every whole message. */
  void onReadable() throws IOException {
    in.compact();
    int n = channel.read(in);
    in.flip();
    if (n < 0) {
      closed(-1, "end of stream");
      return;
    }
    parseFrames();
  }

  private void parseFrames() throws IOException {
    while (!closed && in.remaining() >= 2) {
      int start = in.position();
      int b0 = in.get(start) & 0xFF;
      int b1 = in.get(start + 1) & 0xFF;
      if ((b1 & 0x80) != 0) {
        throw new IOException("the server sent a masked frame");
      }
      if ((b0 & 0x70) != 0) {
        throw new IOException("the server set RSV bits without an extension");
      }
      int header = 2;
      long length = b1 & 0x7F;
      if (length == 126) {
        header = 4;
        if (in.remaining() < header) {
          break;
        }
        length = in.getShort(start + 2) & 0xFFFF;
      } else if (length == 127) {
        header = 10;
        if (in.remaining() < header) {
          break;
        }
        length = in.getLong(start + 2);
      }
      if (length > 64L * 1024 * 1024) {
        throw new IOException("frame of " + length + " bytes");
      }
      if (in.remaining() < header + length) {
        if (header + length > in.capacity()) {
          ByteBuffer bigger = ByteBuffer.allocate((int) (header + length) * 2);
          bigger.put(in).flip();
          in = bigger;
        }
        break;
      }
      int payload = start + header;
      in.position((int) (payload + length));
      frame(b0, in.array(), in.arrayOffset() + payload, (int) length);
    }
  }

  private void frame(int b0, byte[] bytes, int offset, int length) throws IOException {
    boolean fin = (b0 & 0x80) != 0;
    int opcode = b0 & 0x0F;
    switch (opcode) {
      case OP_TEXT, OP_CONTINUATION -> {
        if (opcode == OP_TEXT && inFragmentedText || opcode == OP_CONTINUATION && !inFragmentedText) {
          throw new IOException("unexpected " + (opcode == OP_TEXT ? "text" : "continuation") + " frame");
        }
        if (fin && !inFragmentedText) {
          handler.onText(bytes, offset, length); // the common case: no copy
          return;
        }
        append(bytes, offset, length);
        inFragmentedText = !fin;
        if (fin) {
          handler.onText(message, 0, messageLength);
          messageLength = 0;
        }
      }
      case OP_PING -> {
        byte[] copy = java.util.Arrays.copyOfRange(bytes, offset, offset + length);
        sendFrame(OP_PONG, copy, copy.length);
      }
      case OP_PONG -> { }
      case OP_CLOSE -> {
        int code = length >= 2 ? ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF) : 1005;
        String reason = length > 2 ? new String(bytes, offset + 2, length - 2, StandardCharsets.UTF_8) : "";
        closed(code, reason);
      }
      default -> throw new IOException("unexpected opcode " + opcode);
    }
  }

  private void append(byte[] bytes, int offset, int length) {
    if (messageLength + length > message.length) {
      message = java.util.Arrays.copyOf(message, Math.max(2 * message.length, messageLength + length));
    }
    System.arraycopy(bytes, offset, message, messageLength, length);
    messageLength += length;
  }

  private void closed(int code, String reason) {
    if (!closed) {
      closed = true;
      handler.onClosed(code, reason);
    }
  }

  /** Sends a normal close frame (best effort) and closes the channel. */
  void close() {
    try {
      if (!closed && channel.isOpen()) {
        closed = true;
        sendFrame(OP_CLOSE, new byte[] {0x03, (byte) 0xE8}, 2);
      }
    } catch (IOException ignored) {
      // closing anyway
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing left to do
    }
  }
}
