package dev.tandem.bench.load;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.MessageCodec;
import dev.tandem.protocol.Protocol;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.CommittedOp;
import dev.tandem.protocol.Values.User;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * One simulated editor on the JDK WebSocket (no thread per socket). A correct OT client that keeps
 * only what it needs to produce valid ops: the document <em>length</em> at its revision (the
 * server validates lengths; tracking the text would only add client CPU to a server benchmark).
 * At most one op in flight; remote ops are transformed through it (committed ops win ties) so the
 * tracked length stays exact.
 *
 * <p>Two modes: {@link #typeOnAck} sends the next edit as soon as the previous one is acked (as
 * fast as the round trip allows); otherwise {@link #edit} is called by a pacing timer and an edit
 * made while one is in flight is sent right after its ack (a buffer of one pending edit).
 *
 * <p>The {@code ack} and {@code ops} frames it receives by the thousand are read by {@link
 * LengthFrames} (lengths only, a streaming pass), everything else by {@code MessageCodec}.
 *
 * <p>Threads: state is guarded by {@code this}; sends are chained (the JDK WebSocket allows one
 * pending send).
 */
public final class LoadClient implements WebSocket.Listener {
  private final String clientId;
  private final String roomId;
  private final String key;
  private final SplittableRandom random;
  private final Recorder latency;
  private final AtomicLong acked;
  private final boolean typeOnAck;

  private WebSocket socket;
  private CompletableFuture<?> sendChain = CompletableFuture.completedFuture(null);
  private final StringBuilder partial = new StringBuilder();
  private long rev = -1;
  private int docLength;
  private long nextSeq = 1;
  private Delta outstanding;
  private long sentAt;
  private boolean pendingEdit;
  private volatile boolean running = true;
  private volatile String failure;
  /** Completed when the welcome arrived. */
  final CompletableFuture<Void> joined = new CompletableFuture<>();

  public LoadClient(String clientId, String roomId, String key, long seed, Recorder latency,
      AtomicLong acked, boolean typeOnAck) {
    this.clientId = clientId;
    this.roomId = roomId;
    this.key = key;
    this.random = new SplittableRandom(seed);
    this.latency = latency;
    this.acked = acked;
    this.typeOnAck = typeOnAck;
  }

  /** Connects and sends hello; {@link #joined} completes on welcome. */
  public CompletableFuture<WebSocket> connect(HttpClient http, URI uri) {
    return http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, this)
        .thenApply(ws -> {
          synchronized (this) {
            socket = ws;
            send(new ClientMessage.Hello(Protocol.PROTOCOL_VERSION, roomId, key, clientId,
                new User("load", "#336699"), OptionalLong.empty()));
          }
          return ws;
        });
  }

  public String failure() {
    return failure;
  }

  public synchronized long rev() {
    return rev;
  }

  /** A paced edit: sent now, or right after the op in flight is acked. */
  public synchronized void edit() {
    if (rev < 0 || !running) {
      return;
    }
    if (outstanding == null) {
      sendEdit();
    } else {
      pendingEdit = true;
    }
  }

  /** Starts typing on ack: sends the first edit. */
  public synchronized void start() {
    if (outstanding == null) {
      sendEdit();
    }
  }

  public void stop() {
    running = false;
  }

  public synchronized void close() {
    running = false;
    if (socket != null) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(t -> null);
    }
  }

  /** A WebSocket ping (docs/protocol.md: clients SHOULD ping about every 30 s). */
  public synchronized void ping() {
    WebSocket ws = socket;
    if (ws != null && running) {
      sendChain = sendChain.thenCompose(x -> ws.sendPing(java.nio.ByteBuffer.allocate(0)));
    }
  }

  public synchronized void abort() {
    running = false;
    if (socket != null) {
      socket.abort();
    }
  }

  private void sendEdit() {
    int pos = random.nextInt(docLength);
    Delta.Builder change = Delta.builder().retain(pos);
    if (random.nextInt(10) == 0 && pos < docLength - 1) {
      change.delete(Math.min(1 + random.nextInt(3), docLength - 1 - pos));
    } else {
      char[] text = new char[1 + random.nextInt(3)];
      for (int i = 0; i < text.length; i++) {
        text[i] = (char) ('a' + random.nextInt(26));
      }
      change.insert(new String(text), Attributes.of("author", clientId));
    }
    outstanding = change.build();
    sentAt = System.nanoTime();
    send(new ClientMessage.Submit(rev, nextSeq++, outstanding));
  }

  private void send(ClientMessage message) {
    WebSocket ws = socket;
    String frame = MessageCodec.encode(message);
    sendChain = sendChain.thenCompose(x -> ws.sendText(frame, true));
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    synchronized (this) {
      partial.append(data);
      if (last) {
        String frame = partial.toString();
        partial.setLength(0);
        try {
          Object fast = LengthFrames.read(frame);
          if (fast instanceof LengthFrames.Ack a) {
            onAck(a.rev());
          } else if (fast instanceof List<?> ops) {
            for (Object op : ops) {
              LengthFrames.RemoteOp remote = (LengthFrames.RemoteOp) op;
              onRemote(remote.rev(), remote.shape());
            }
          } else {
            handle(MessageCodec.decodeServer(frame));
          }
        } catch (RuntimeException e) {
          fail("bad frame " + e + ": " + frame.substring(0, Math.min(200, frame.length())));
        }
      }
    }
    ws.request(1);
    return null;
  }

  private void handle(ServerMessage message) {
    switch (message) {
      case ServerMessage.Welcome w -> {
        rev = w.rev();
        docLength = w.doc().orElseThrow().length();
        joined.complete(null);
      }
      case ServerMessage.Ack a -> onAck(a.rev());
      case ServerMessage.Ops ops -> {
        for (CommittedOp op : ops.ops()) {
          onRemote(op.rev(), op.delta());
        }
      }
      case ServerMessage.Error e -> fail("error " + e);
      default -> { }
    }
  }

  private void onAck(long ackRev) {
    long now = System.nanoTime();
    latency.recordValue(Math.max(1, (now - sentAt) / 1_000));
    acked.incrementAndGet();
    if (outstanding == null) {
      fail("ack rev " + ackRev + " with no op in flight");
      return;
    }
    if (ackRev != rev + 1) {
      fail("ack rev " + ackRev + " after " + rev);
    }
    rev = ackRev;
    docLength += outstanding.changeLength();
    outstanding = null;
    if (running && (typeOnAck || pendingEdit)) {
      pendingEdit = false;
      sendEdit();
    }
  }

  /**
   * Someone else's op, committed at {@code opRev}; only its shape matters (lengths: attributes
   * change none), so {@link LengthFrames} may hand it over without attributes.
   */
  private void onRemote(long opRev, Delta delta) {
    if (opRev != rev + 1) {
      fail("op rev " + opRev + " after " + rev);
    }
    // docLength is the length at rev without our op in flight: the remote op as committed.
    docLength += delta.changeLength();
    if (outstanding != null) {
      outstanding = delta.transform(outstanding, true);
    }
    rev = opRev;
  }

  private void fail(String why) {
    if (failure == null) {
      failure = clientId + ": " + why;
    }
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
    if (running) {
      fail("closed " + statusCode + " " + reason);
    }
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    if (running) {
      fail("socket error " + error);
    }
  }
}
