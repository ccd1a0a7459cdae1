package dev.tandem.server.crash;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.RichDocument;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A minimal but correct OT client for the crash test, in the ot.js shape: at most one op in flight
 * ({@code outstanding}), later local edits composed into {@code buffer}, remote ops transformed
 * through both (committed ops win ties, docs/protocol.md section 4). Reconnects with {@code
 * since} = its revision and resends the outstanding op with its original seq and base.
 *
 * <p>Threads: every field is guarded by {@code this}; WebSocket callbacks and the typing driver
 * both synchronize on it. Sends are chained so the JDK WebSocket never has two sends pending.
 */
final class StormClient implements WebSocket.Listener {
  final String clientId;
  private final String roomId;
  private final String key;
  private final HttpClient http;
  private final Random random;

  private final RichDocument doc = RichDocument.of(Delta.document("\n"));
  private long rev = -1; // -1: never joined
  private long nextSeq = 1;
  /** The op in flight as transformed to our revision (what is in {@link #doc}). */
  private Delta outstanding;
  private long outstandingSeq;
  /** The op in flight exactly as sent: resent unchanged after a reconnect. */
  private Delta outstandingAsSent;
  private long outstandingBase;
  private Delta buffer;
  private WebSocket socket;
  private boolean joined;
  private CompletableFuture<?> sendChain = CompletableFuture.completedFuture(null);
  private final StringBuilder partial = new StringBuilder();
  /** Every ack: seq → rev. */
  final Map<Long, Long> acks = new LinkedHashMap<>();
  final List<String> problems = new ArrayList<>();
  int duplicateAcks;

  StormClient(String clientId, String roomId, String key, HttpClient http, long seed) {
    this.clientId = clientId;
    this.roomId = roomId;
    this.key = key;
    this.http = http;
    this.random = new Random(seed);
  }

  /** Opens a socket and sends hello; the join completes asynchronously. */
  void connect(URI uri) {
    WebSocket ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(2))
        .buildAsync(uri, this).join();
    synchronized (this) {
      socket = ws;
      joined = false;
      sendChain = CompletableFuture.completedFuture(null);
      OptionalLong since = rev < 0 ? OptionalLong.empty() : OptionalLong.of(rev);
      send(new ClientMessage.Hello(Protocol.PROTOCOL_VERSION, roomId, key, clientId,
          new User("storm " + clientId.substring(0, 4), "#336699"), since));
    }
  }

  synchronized boolean connected() {
    return socket != null;
  }

  synchronized boolean idle() {
    return joined && outstanding == null && buffer == null;
  }

  synchronized long rev() {
    return rev;
  }

  synchronized Delta document() {
    return doc.toDelta();
  }

  /** One local keystroke-sized edit: an insert of 1–3 chars, sometimes a delete. */
  synchronized void type() {
    if (rev < 0) {
      return;
    }
    int length = doc.length();
    int pos = random.nextInt(length); // before the final newline, or at it
    Delta change;
    if (random.nextInt(5) == 0 && pos < length - 1) {
      change = Delta.builder().retain(pos).delete(Math.min(1 + random.nextInt(2), length - 1 - pos)).build();
    } else {
      StringBuilder text = new StringBuilder();
      for (int i = 1 + random.nextInt(3); i > 0; i--) {
        text.append((char) ('a' + random.nextInt(26)));
      }
      change = Delta.builder().retain(pos).insert(text.toString(), Attributes.of("author", clientId)).build();
    }
    doc.apply(change);
    buffer = buffer == null ? change : buffer.compose(change);
    flushBuffer();
  }

  private void flushBuffer() {
    if (joined && outstanding == null && buffer != null) {
      outstanding = buffer;
      outstandingAsSent = buffer;
      outstandingBase = rev;
      outstandingSeq = nextSeq++;
      buffer = null;
      send(new ClientMessage.Submit(outstandingBase, outstandingSeq, outstanding));
    }
  }

  private void send(ClientMessage message) {
    WebSocket ws = socket;
    String frame = MessageCodec.encode(message);
    sendChain = sendChain.thenCompose(x -> ws.sendText(frame, true)).exceptionally(t -> null);
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    synchronized (this) {
      if (ws == socket) {
        partial.append(data);
        if (last) {
          String frame = partial.toString();
          partial.setLength(0);
          handle(MessageCodec.decodeServer(frame));
        }
      }
    }
    ws.request(1);
    return null;
  }

  private void handle(ServerMessage message) {
    switch (message) {
      case ServerMessage.Welcome w -> onWelcome(w);
      case ServerMessage.Ack a -> onAck(a.seq(), a.rev());
      case ServerMessage.Ops ops -> ops.ops().forEach(this::onCommitted);
      case ServerMessage.Error e -> {
        if (e.code() != dev.tandem.protocol.ErrorCode.SHUTTING_DOWN) {
          problems.add(clientId + ": error " + e);
        }
      }
      default -> { }
    }
  }

  private void onWelcome(ServerMessage.Welcome w) {
    if (w.doc().isPresent()) {
      if (rev >= 0) {
        problems.add(clientId + ": got a snapshot welcome on reconnect (since=" + rev + ", rev=" + w.rev() + ")");
      }
      doc.apply(Delta.builder().delete(doc.length()).build().compose(w.doc().get()));
      rev = w.rev();
    } else {
      for (CommittedOp op : w.ops().get()) {
        onCommitted(op);
      }
      if (w.rev() != rev) {
        problems.add(clientId + ": welcome rev " + w.rev() + " but catch-up reached " + rev);
      }
    }
    joined = true;
    if (outstanding != null) {
      // Resend the op in flight exactly as first sent: same seq, same base (the server transforms
      // it or, if it was committed, acks it).
      send(new ClientMessage.Submit(outstandingBase, outstandingSeq, outstandingAsSent));
    } else {
      flushBuffer();
    }
  }

  private void onAck(long seq, long ackRev) {
    if (outstanding == null || seq != outstandingSeq) {
      Long earlier = acks.get(seq);
      if (earlier != null && earlier == ackRev) {
        duplicateAcks++;
        return;
      }
      problems.add(clientId + ": unexpected ack seq " + seq + " rev " + ackRev);
      return;
    }
    if (ackRev != rev + 1) {
      problems.add(clientId + ": ack rev " + ackRev + " after rev " + rev);
    }
    acks.put(seq, ackRev);
    rev = ackRev;
    outstanding = null;
    outstandingAsSent = null;
    flushBuffer();
  }

  private void onCommitted(CommittedOp op) {
    if (op.clientId().equals(clientId)) {
      // Our own op in a catch-up: that is its ack.
      onAck(op.seq(), op.rev());
      return;
    }
    if (op.rev() != rev + 1) {
      problems.add(clientId + ": op rev " + op.rev() + " after rev " + rev);
    }
    Delta remote = op.delta();
    if (outstanding != null) {
      Delta o = outstanding;
      outstanding = remote.transform(o, true);
      remote = o.transform(remote, false);
    }
    if (buffer != null) {
      Delta b = buffer;
      buffer = remote.transform(b, true);
      remote = b.transform(remote, false);
    }
    doc.apply(remote);
    rev = op.rev();
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
    dropped(ws);
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    dropped(ws);
  }

  private synchronized void dropped(WebSocket ws) {
    if (ws == socket) {
      socket = null;
      joined = false;
      partial.setLength(0);
    }
  }

  /** Closes the socket (test end). */
  synchronized void close() {
    if (socket != null) {
      socket.abort();
      socket = null;
      joined = false;
    }
  }
}
