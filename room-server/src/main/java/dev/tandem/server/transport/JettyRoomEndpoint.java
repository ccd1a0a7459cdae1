package dev.tandem.server.transport;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.MessageCodec;
import dev.tandem.protocol.ProtocolException;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.server.room.ClientConnection;
import dev.tandem.server.room.OutboundFrame;
import dev.tandem.server.room.Room;
import dev.tandem.server.room.RoomRegistry;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.NetworkChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's WebSocket at {@code /rooms/{roomId}}: decodes frames, enforces the per-connection
 * limits, and talks to its {@link Room} only through the room's mailbox. It is also the room's
 * {@link ClientConnection}: frames the room sends are encoded and queued on the socket, and a
 * client that lets more than {@code maxOutboundBytes} (or {@link #MAX_OUTBOUND_FRAMES} frames) pile
 * up is disconnected as a slow consumer, so server memory stays bounded: its queue is dropped and
 * its TCP connection reset at once ({@link #abortSlowConsumer}).
 *
 * <p>Public only because Jetty invokes the listener methods through method handles.
 *
 * <p>Order: every frame this connection is sent comes from its room's outbox, in the room's order,
 * error frames about frames it could not decode included ({@link Room#refuse}); only a fatal error
 * found here closes it directly (nothing the room owes it is then of use).
 *
 * <p>Threads: Jetty calls the listener methods one at a time per session (reading state is
 * confined to that); {@link #send} and {@link #close} are called from the room's outbox (and
 * {@link #close} from the reading thread) and use only thread-safe state (atomics and Jetty's
 * session); Jetty's write callbacks release queued bytes from its threads.
 */
public final class JettyRoomEndpoint implements Session.Listener.AutoDemanding, ClientConnection, Liveness.Connection {
  private static final Logger log = LoggerFactory.getLogger(JettyRoomEndpoint.class);

  private final String roomId;
  private final RoomRegistry rooms;
  private final TransportMetrics metrics;
  private final long maxOutboundBytes;
  private final RateLimiter rate;
  /** Frames queued to one client beyond which it is a slow consumer (docs/protocol.md §8). */
  static final int MAX_OUTBOUND_FRAMES = 1_024;
  private final Liveness liveness;
  /** System.nanoTime of the last pong (or the open); written by Jetty's threads, read by the sweep. */
  private volatile long lastPongNanos = System.nanoTime();

  private volatile Session session;
  /** Set once the room is told about this connection; read on the reading thread only. */
  private Room room;
  /**
   * Bytes and frames handed to Jetty and not yet written (or failed); bounded (slow-consumer
   * protection): never more than {@code maxOutboundBytes} and {@link #MAX_OUTBOUND_FRAMES}, except
   * one frame alone; the bytes of one frame larger than the bound are not counted ({@link
   * #reserve}). Raised only in {@link #reserve}, lowered by Jetty's write callbacks.
   */
  private final AtomicLong outboundBytes = new AtomicLong();
  private final AtomicInteger outboundFrames = new AtomicInteger();
  /** The most {@link #outboundBytes} ever held; reported when the connection closes. */
  private final AtomicLong outboundPeakBytes = new AtomicLong();
  /** A frame larger than the bound is queued, exempt from it ({@link #reserve}). */
  private final AtomicBoolean oversizedQueued = new AtomicBoolean();
  private final AtomicBoolean closing = new AtomicBoolean();

  JettyRoomEndpoint(String roomId, RoomRegistry rooms, TransportMetrics metrics, long maxOutboundBytes,
      Liveness liveness) {
    this.liveness = liveness;
    this.roomId = roomId;
    this.rooms = rooms;
    this.metrics = metrics;
    this.maxOutboundBytes = maxOutboundBytes;
    int perSecond = rooms.config().limits().maxFramesPerSecond();
    // docs/protocol.md §8: 50/s sustained, bursts to 200: a burst of four seconds' worth.
    this.rate = new RateLimiter(perSecond, perSecond * 4, System.nanoTime());
  }

  @Override
  public void onWebSocketOpen(Session session) {
    this.session = session;
    lastPongNanos = System.nanoTime();
    metrics.connectionOpened();
    liveness.opened(this);
  }

  @Override
  public void onWebSocketText(String frame) {
    metrics.messageIn();
    if (closing.get()) {
      return;
    }
    if (!rate.tryAcquire(System.nanoTime())) {
      close(ErrorCode.RATE_LIMITED, "too many frames per second; the limit is "
          + rooms.config().limits().maxFramesPerSecond());
      return;
    }
    ClientMessage message;
    try {
      message = MessageCodec.decodeClient(frame);
    } catch (ProtocolException e) {
      if (e.code().fatal()) {
        close(e.code(), e.getMessage());
      } else if (room == null) {
        // Before hello anything but a valid hello is fatal (docs/protocol.md §6).
        close(ErrorCode.NOT_JOINED, "the first frame must be a valid hello: " + e.getMessage());
      } else {
        // Through the room, not sent from here: an earlier op's ack (sent once it is durable) or
        // any other answer the room still owes must not be overtaken (docs/protocol.md §1).
        room.refuse(this, e.toErrorMessage());
      }
      return;
    }
    if (room == null) {
      if (!(message instanceof ClientMessage.Hello hello)) {
        close(ErrorCode.NOT_JOINED, "the first frame must be hello");
        return;
      }
      if (!roomId.equals(hello.room())) {
        close(ErrorCode.UNKNOWN_ROOM, "hello.room does not match the room in the URL");
        return;
      }
      room = rooms.room(roomId);
      room.join(this, hello);
    } else {
      room.receive(this, message);
    }
  }

  /** Binary frames are a policy violation (docs/protocol.md §1): close 1008, no error frame. */
  @Override
  public void onWebSocketBinary(java.nio.ByteBuffer payload, Callback callback) {
    callback.succeed();
    metrics.messageIn();
    Session s = session;
    if (s != null && closing.compareAndSet(false, true)) {
      s.close(1008, "binary frames are not part of the Tandem protocol", Callback.NOOP);
    }
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason) {
    closing.set(true);
    liveness.closed(this);
    if (room != null) {
      room.leave(this);
    }
    metrics.outboundQueuePeak(outboundPeakBytes.get());
    // After the leave is queued: whoever sees the count drop knows the room will hear of it
    // before anything sent to the room later.
    metrics.connectionClosed();
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    log.debug("room {}: websocket error", roomId, cause);
  }

  @Override
  public void onWebSocketPong(java.nio.ByteBuffer payload) {
    lastPongNanos = System.nanoTime();
  }

  // ---- Liveness.Connection (the timer thread) ----

  @Override
  public long lastPongNanos() {
    return lastPongNanos;
  }

  @Override
  public void ping() {
    Session s = session;
    if (s != null && s.isOpen() && !closing.get()) {
      s.sendPing(java.nio.ByteBuffer.allocate(0), Callback.NOOP);
    }
  }

  /** Missing pong: 1001 without an error frame (the peer is not reading), then drop the socket. */
  @Override
  public void closeUnresponsive() {
    Session s = session;
    if (s != null && closing.compareAndSet(false, true)) {
      log.info("room {}: closing a connection that stopped answering pings", roomId);
      s.close(1001, "no pong", Callback.NOOP);
      s.disconnect();
    }
  }

  // ---- ClientConnection (the room's thread) ----

  @Override
  public boolean send(ServerMessage message) {
    Session s = session;
    if (s == null || closing.get() || !s.isOpen()) {
      return false;
    }
    String frame = MessageCodec.encode(message);
    return queue(s, frame, utf8Length(frame));
  }

  @Override
  public boolean sendFrame(String frame) {
    return sendFrame(frame, utf8Length(frame));
  }

  @Override
  public boolean sendFrame(String frame, long utf8Bytes) {
    Session s = session;
    if (s == null || closing.get() || !s.isOpen()) {
      return false;
    }
    return queue(s, frame, utf8Bytes);
  }

  /**
   * Queues the shared payload with Jetty's batch flag: Jetty's flusher gathers such frames in its
   * aggregate buffer (or, if large, beside it) and writes them with the next {@link #flush} or the
   * next frame sent without the flag, whichever comes first. Order with every other frame of this
   * connection is kept (one flusher queue).
   */
  @Override
  public boolean sendHeld(OutboundFrame frame) {
    return sendShared(frame, true);
  }

  /**
   * Queues the shared payload without the batch flag: Jetty writes it at once, after (and in the
   * same write as) the frames held before it, from the shared bytes (a gathering write of its
   * header and payload; it is not copied into the aggregate buffer as a held frame is).
   */
  @Override
  public boolean sendLast(OutboundFrame frame) {
    return sendShared(frame, false);
  }

  private boolean sendShared(OutboundFrame frame, boolean hold) {
    Session s = session;
    if (s == null || closing.get() || !s.isOpen()) {
      return false;
    }
    if (!(s instanceof WebSocketSession jetty)) {
      return queue(s, frame.text(), frame.utf8().length);
    }
    byte[] payload = frame.utf8();
    long size = payload.length;
    long counted = reserve(size);
    if (counted < 0) {
      return false;
    }
    // A buffer of its own per recipient (the flusher moves its position); the bytes are shared.
    jetty.getCoreSession().sendFrame(new Frame(OpCode.TEXT, true, ByteBuffer.wrap(payload)),
        org.eclipse.jetty.util.Callback.from(() -> sent(size, counted), failure -> sent(size, counted)), hold);
    metrics.messageOut();
    return true;
  }

  @Override
  public void flush() {
    Session s = session;
    if (s instanceof WebSocketSession jetty && !closing.get()) {
      jetty.getCoreSession().flush(org.eclipse.jetty.util.Callback.NOOP);
    }
  }

  private boolean queue(Session s, String frame, long size) {
    long counted = reserve(size);
    if (counted < 0) {
      return false;
    }
    s.sendText(frame, Callback.from(() -> sent(size, counted), failure -> sent(size, counted)));
    metrics.messageOut();
    return true;
  }

  /**
   * Counts a frame of {@code size} bytes into the outbound queue and returns the bytes counted
   * against the bound; -1 (and the connection closed as a slow consumer) when that would pass the
   * bound. A refused frame is never counted, so the queue stays within the bound.
   *
   * <p>The bound is on frames piling up behind one another. One frame larger than the bound (the
   * welcome of a room whose document is several MB, or a long catch-up) is not a pile-up: it is
   * counted as 0, so a client may still take it, and what queues behind it while it is written
   * (a busy room's broadcasts) is held to the bound on its own. Only one such frame is exempt at a
   * time; another while it is queued counts in full (as does one arriving alone after it).
   */
  private long reserve(long size) {
    boolean exempt = size > maxOutboundBytes && oversizedQueued.compareAndSet(false, true);
    long counted = exempt ? 0 : size;
    // Frames are counted first: while the count is raised, a concurrent reserve sees this frame
    // as queued ahead of it, so two frames can never both pass as "alone".
    int queuedFrames = outboundFrames.incrementAndGet();
    long queuedBytes;
    while (true) {
      long before = outboundBytes.get();
      queuedBytes = before + counted;
      // A frame larger than the bound with nothing queued ahead of it is not a pile-up either.
      boolean alone = queuedFrames == 1;
      if ((queuedBytes > maxOutboundBytes && !alone) || queuedFrames > MAX_OUTBOUND_FRAMES) {
        outboundFrames.decrementAndGet();
        if (exempt) {
          oversizedQueued.set(false);
        }
        close(ErrorCode.SLOW_CONSUMER, "the connection reads too slowly; reconnect to catch up");
        return -1;
      }
      if (outboundBytes.compareAndSet(before, queuedBytes)) {
        break;
      }
    }
    metrics.outboundQueued(size);
    outboundPeakBytes.accumulateAndGet(queuedBytes, Math::max);
    return counted;
  }

  /**
   * Jetty wrote the frame of {@code size} bytes, {@code counted} of them against the bound, or
   * failed it (the connection closed): it leaves the queue.
   */
  private void sent(long size, long counted) {
    outboundBytes.addAndGet(-counted);
    outboundFrames.decrementAndGet();
    if (counted != size) {
      oversizedQueued.set(false);
    }
    metrics.outboundQueued(-size);
  }

  /** Bytes {@code s} takes in UTF-8, without encoding it. */
  static long utf8Length(String s) {
    return ClientConnection.utf8Length(s);
  }

  @Override
  public void close(ErrorCode code, String message) {
    Session s = session;
    if (s == null || !closing.compareAndSet(false, true)) {
      return;
    }
    // Once per connection. The code only: a message about bad input may quote the input, and a
    // malformed hello can hold a key, which must never reach a log.
    log.info("room {}: closing a connection: {}", roomId, code.wire());
    if (code == ErrorCode.SLOW_CONSUMER) {
      abortSlowConsumer(s);
      return;
    }
    String frame = MessageCodec.encode(ServerMessage.Error.of(code, message));
    int closeCode = code.fatal() ? code.closeCode() : 1000;
    // The error frame first, then the close.
    s.sendText(frame, Callback.from(
        () -> s.close(closeCode, code.wire(), Callback.NOOP),
        failure -> s.close(closeCode, code.wire(), Callback.NOOP)));
  }

  /**
   * Drops a slow consumer (docs/protocol.md §1, §8). It is not reading, so neither an error frame
   * nor a close frame could reach it: either would wait behind the frames it does not read. The
   * connection is aborted instead: Jetty fails every frame still queued (their callbacks release
   * the bytes) and closes the socket, and with {@code SO_LINGER} 0 the close is a TCP reset that
   * also discards what the kernel still holds for the peer (up to the socket's send buffer, a few
   * MB). A plain close would leave that data queued, with the FIN behind it, in FIN-WAIT-1 for as
   * long as the peer keeps its window shut (seen: 3.9 MB still queued 15 s after the drop, the
   * kernel's zero-window probes backing off to 11 s; it gives up only when they run out), and a
   * client reading again later would get MBs of frames the server had "dropped". Jetty then
   * reports the close ({@link #onWebSocketClose}): the room hears {@code leave}, the others get
   * {@code peer left}.
   */
  private void abortSlowConsumer(Session s) {
    metrics.slowConsumerDisconnected();
    if (s instanceof WebSocketSession jetty
        && jetty.getCoreSession() instanceof WebSocketCoreSession core && core.getConnection() != null) {
      resetOnClose(core.getConnection().getEndPoint());
    }
    s.disconnect();
  }

  /** Asks for a reset (SO_LINGER 0) when the socket under {@code endPoint} (TLS unwrapped) closes. */
  private void resetOnClose(EndPoint endPoint) {
    Object transport = endPoint.getTransport();
    while (transport instanceof EndPoint wrapped) {
      transport = wrapped.getTransport();
    }
    if (transport instanceof NetworkChannel channel) {
      try {
        channel.setOption(StandardSocketOptions.SO_LINGER, 0);
      } catch (IOException | UnsupportedOperationException e) {
        // Already closed, or not a TCP socket: the plain close below is all there is to do.
        log.debug("room {}: could not set SO_LINGER 0 before dropping a slow consumer", roomId, e);
      }
    }
  }
}
