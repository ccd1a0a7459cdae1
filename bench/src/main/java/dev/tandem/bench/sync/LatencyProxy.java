package dev.tandem.bench.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A loopback TCP proxy that delays every byte by a fixed time in each direction (a scheduled
 * delay queue per direction: each chunk read is stamped with its due time and written when that
 * time comes, in order), so a 150 ms delay each way gives a 300 ms round trip. It also reads
 * the client → server byte stream as WebSocket frames (after the HTTP upgrade request): client
 * frames are masked, so it unmasks them, inflates them when permessage-deflate was negotiated, and
 * counts complete text messages by their JSON {@code type}. The proxy only observes; the bytes it
 * forwards are exactly the bytes it read.
 */
public final class LatencyProxy implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServerSocket listener;
  private final InetSocketAddress upstream;
  private final long delayNanos;
  private final Map<String, AtomicLong> clientMessages = new ConcurrentHashMap<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean closed;
  private volatile String extensions = "";

  public LatencyProxy(InetSocketAddress upstream, long delayMillisEachWay) throws IOException {
    this.upstream = upstream;
    this.delayNanos = delayMillisEachWay * 1_000_000L;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().name("proxy-accept").start(this::acceptLoop);
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** Client → server text messages seen so far, by JSON {@code type}. */
  public long count(String type) {
    AtomicLong n = clientMessages.get(type);
    return n == null ? 0 : n.get();
  }

  public Map<String, AtomicLong> counts() {
    return clientMessages;
  }

  /** The Sec-WebSocket-Extensions the server answered with ("" = none). */
  public String extensions() {
    return extensions;
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket();
        server.connect(upstream, 5_000);
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        sockets.add(client);
        sockets.add(server);
        FrameCounter counter = new FrameCounter();
        pipe(client, server, counter, "c2s");
        pipe(server, client, null, "s2c");
      } catch (IOException e) {
        if (!closed) {
          System.err.println("proxy: " + e);
        }
      }
    }
  }

  private record Chunk(long due, byte[] bytes) {}

  private static final Chunk EOF = new Chunk(0, new byte[0]);

  /** One direction: a reader stamps chunks with due times, a writer sends each when due. */
  private void pipe(Socket from, Socket to, FrameCounter counter, String name) throws IOException {
    LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    InputStream in = from.getInputStream();
    OutputStream out = to.getOutputStream();
    Thread.ofPlatform().daemon().name("proxy-read-" + name).start(() -> {
      byte[] buf = new byte[64 * 1024];
      try {
        int n;
        while ((n = in.read(buf)) >= 0) {
          byte[] bytes = Arrays.copyOf(buf, n);
          queue.add(new Chunk(System.nanoTime() + delayNanos, bytes));
          if (counter != null) {
            counter.feed(bytes);
          } else {
            sniffUpgradeResponse(bytes);
          }
        }
      } catch (IOException e) {
        // socket closed
      } finally {
        queue.add(EOF);
      }
    });
    Thread.ofPlatform().daemon().name("proxy-write-" + name).start(() -> {
      try {
        while (true) {
          Chunk c = queue.take();
          if (c == EOF) {
            to.shutdownOutput();
            return;
          }
          long wait = c.due - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
          out.write(c.bytes);
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // closed
      }
    });
  }

  private boolean sawResponse;

  private synchronized void sniffUpgradeResponse(byte[] bytes) {
    if (sawResponse) {
      return;
    }
    sawResponse = true;
    String head = new String(bytes, StandardCharsets.ISO_8859_1);
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase().startsWith("sec-websocket-extensions:")) {
        extensions = line.substring(line.indexOf(':') + 1).trim();
      }
      if (line.isEmpty()) {
        break;
      }
    }
  }

  /** Parses the client → server stream: the HTTP upgrade request, then masked frames. */
  private final class FrameCounter {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean upgraded;
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    private int messageOpcode = -1;
    private boolean messageCompressed;
    private final Inflater inflater = new Inflater(true);

    void feed(byte[] bytes) {
      pending.writeBytes(bytes);
      byte[] data = pending.toByteArray();
      int pos = 0;
      if (!upgraded) {
        int end = indexOf(data, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (end < 0) {
          return;
        }
        upgraded = true;
        pos = end + 4;
      }
      while (true) {
        int used = frame(data, pos);
        if (used == 0) {
          break;
        }
        pos += used;
      }
      pending.reset();
      pending.write(data, pos, data.length - pos);
    }

    /** Consumes one complete frame at {@code p}; returns its size, or 0 if incomplete. */
    private int frame(byte[] d, int p) {
      if (d.length - p < 2) {
        return 0;
      }
      int b0 = d[p] & 0xff;
      int b1 = d[p + 1] & 0xff;
      boolean fin = (b0 & 0x80) != 0;
      boolean rsv1 = (b0 & 0x40) != 0;
      int opcode = b0 & 0x0f;
      boolean masked = (b1 & 0x80) != 0;
      long len = b1 & 0x7f;
      int h = 2;
      if (len == 126) {
        if (d.length - p < 4) {
          return 0;
        }
        len = ((d[p + 2] & 0xff) << 8) | (d[p + 3] & 0xff);
        h = 4;
      } else if (len == 127) {
        if (d.length - p < 10) {
          return 0;
        }
        len = 0;
        for (int i = 0; i < 8; i++) {
          len = (len << 8) | (d[p + 2 + i] & 0xff);
        }
        h = 10;
      }
      int maskAt = p + h;
      if (masked) {
        h += 4;
      }
      if (d.length - p < h + len) {
        return 0;
      }
      byte[] payload = Arrays.copyOfRange(d, p + h, p + h + (int) len);
      if (masked) {
        for (int i = 0; i < payload.length; i++) {
          payload[i] ^= d[maskAt + (i & 3)];
        }
      }
      if (opcode == 1 || opcode == 2) {
        messageOpcode = opcode;
        messageCompressed = rsv1;
        message.reset();
      }
      if (opcode <= 2) { // data frame or continuation
        message.writeBytes(payload);
        if (fin) {
          complete();
        }
      }
      return h + (int) len;
    }

    private void complete() {
      byte[] body = message.toByteArray();
      if (messageCompressed) {
        body = inflate(body);
      }
      String type = "?";
      if (messageOpcode == 1 && body != null) {
        try {
          JsonNode node = JSON.readTree(body);
          type = node.path("type").asText("?");
        } catch (IOException e) {
          type = "unparsable";
        }
      } else if (messageOpcode == 2) {
        type = "binary";
      }
      clientMessages.computeIfAbsent(type, k -> new AtomicLong()).incrementAndGet();
      if (extensions.contains("client_no_context_takeover")) {
        inflater.reset();
      }
    }

    private byte[] inflate(byte[] compressed) {
      inflater.setInput(concat(compressed, new byte[] {0, 0, (byte) 0xff, (byte) 0xff}));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      try {
        int n;
        while ((n = inflater.inflate(buf)) > 0) {
          out.write(buf, 0, n);
        }
      } catch (DataFormatException e) {
        return null;
      }
      return out.toByteArray();
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  private static int indexOf(byte[] data, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= data.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
