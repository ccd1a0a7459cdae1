package dev.tandem.sync.internal;

import dev.tandem.ot.ChangeSplit;
import dev.tandem.ot.Delta;

/**
 * The client side of the OT protocol as an explicit state machine, in the shape of ot.js's
 * {@code Client}: at most one op is in flight, and local edits made while waiting for its
 * acknowledgement are composed into one buffer, so a client sends at most one op per round trip.
 *
 * <pre>
 *                 local edit                       local edit
 *   Synchronized ───────────▶ AwaitingConfirm ─────────────────▶ AwaitingWithBuffer ─┐ local edit
 *        ▲        (send op)        │   ▲                               │       ▲       │ (compose
 *        └─────────────────────────┘   └───────────────────────────────┘       └───────┘  into buffer)
 *                  ack                      ack (send the buffer)
 * </pre>
 *
 * Remote ops are transformed against what is pending before they reach the editor (the square
 * below, with {@code O} the outstanding op and {@code S} a server op, both made at the same
 * revision; the server's op was committed first, so it has priority):
 * <pre>
 *        O                 O' = S.transform(O, true)   (our op, rebased onto S)
 *     ●─────▶●             S' = O.transform(S, false)  (S, to apply after our O)
 *   S │      │ S'          O ∘ S' = S ∘ O'              (TP1)
 *     ▼      ▼
 *     ●─────▶●
 *        O'
 * </pre>
 *
 * <p>Send coalescing ({@code SyncConfig.sendDelay}): with {@code hold = true} an op that could be
 * sent at once — the first local edit in {@code Synchronized}, or the buffer when its predecessor
 * is acknowledged — is first held in {@link Holding} (effect {@link Effect.Hold}: the session
 * calls {@link #flush()} after the delay); edits made meanwhile are composed into it.
 * <pre>
 *                 local edit, hold              flush (send op)
 *   Synchronized ─────────────────▶ Holding ─────────────────▶ AwaitingConfirm
 *                                    ▲  └─┐ local edit (compose)
 *   AwaitingWithBuffer ──────────────┘◀───┘
 *                 ack, hold
 * </pre>
 * A held op already has its seq; nothing has been sent, so the server has never seen that seq.
 *
 * <p>States are immutable values; transitions are pure and return a {@link Step}. An event that
 * is impossible in a state (an ack with nothing in flight, a server op out of order) throws
 * {@link IllegalStateException}: it means the server or the session broke the protocol.
 */
public sealed interface ClientState
    permits ClientState.Synchronized, ClientState.Holding, ClientState.AwaitingConfirm,
    ClientState.AwaitingWithBuffer {

  /**
   * An op whose delta is larger than this ({@link ChangeSplit#estimatedBytes}) leaves in parts:
   * its head is sent and the rest waits as the buffer, sent after the head's ack (docs/protocol.md
   * §6, "Large edits"), so that no frame passes a server's {@code maxFrameBytes} (1 MiB by
   * default, at least 512 KiB by the protocol). A constant, not a setting: a session replaying its
   * journal must split exactly as it did when it sent, since each seq carries one part.
   */
  long MAX_OP_BYTES = 256 * 1024;

  /** The last server revision this client has incorporated. */
  long revision();

  /** The seq the next sent op will carry. */
  long nextSeq();

  /** A local edit, made on the current local document; an op it starts is sent at once. */
  default Step localEdit(Delta change) {
    return localEdit(change, false);
  }

  /**
   * A local edit, made on the current local document. With {@code hold}, an op it starts (in
   * {@code Synchronized}) is held ({@link Holding}) instead of sent.
   */
  Step localEdit(Delta change, boolean hold);

  /** The hold is over: a held op is sent; in any other state nothing happens. */
  default Step flush() {
    return Step.of(this);
  }

  /**
   * Another client's op, committed as revision {@code rev} (always {@code revision() + 1}), made
   * against revision {@code rev - 1}.
   */
  Step remoteOp(long rev, Delta op);

  /** The server committed our outstanding op as revision {@code rev}; a buffer is sent at once. */
  default Step ack(long seq, long rev) {
    return ack(seq, rev, false);
  }

  /**
   * The server committed our outstanding op as revision {@code rev}. With {@code hold}, a
   * buffer waiting behind it is held ({@link Holding}) instead of sent.
   */
  Step ack(long seq, long rev, boolean hold);

  /** After a reconnect and catch-up: the op to send again (same seq), if one is in flight. */
  Step resend();

  /**
   * Everything not yet on the server, composed, as a change on the latest server document:
   * transforms positions from the server's document to the local one (remote carets).
   */
  Delta pending();

  /** Number of local changes not yet acknowledged (0, 1 or 2 ops: outstanding and buffer). */
  default int pendingOps() {
    return switch (this) {
      case Synchronized s -> 0;
      case Holding h -> 1;
      case AwaitingConfirm a -> 1;
      case AwaitingWithBuffer b -> 2;
    };
  }

  static ClientState initial(long revision) {
    return new Synchronized(revision, 1);
  }

  /** Nothing in flight: the local document equals the server's at {@code revision}. */
  record Synchronized(long revision, long nextSeq) implements ClientState {
    @Override
    public Step localEdit(Delta change, boolean hold) {
      if (change.isEmpty()) {
        return Step.of(this);
      }
      PendingOp sent = new PendingOp(nextSeq, change);
      if (hold) {
        return Step.of(new Holding(revision, nextSeq + 1, sent), new Effect.Hold());
      }
      return send(revision, nextSeq + 1, sent);
    }

    @Override
    public Step remoteOp(long rev, Delta op) {
      checkNext(revision, rev);
      return Step.of(new Synchronized(rev, nextSeq), new Effect.ApplyRemote(op));
    }

    @Override
    public Step ack(long seq, long rev, boolean hold) {
      throw new IllegalStateException("ack for seq " + seq + " with no op in flight");
    }

    @Override
    public Step resend() {
      return Step.of(this);
    }

    @Override
    public Delta pending() {
      return Delta.EMPTY;
    }
  }

  /**
   * Nothing in flight; local edits composed into {@code held} (made against {@code revision},
   * with its seq already taken) wait for {@link #flush()} before they are sent.
   */
  record Holding(long revision, long nextSeq, PendingOp held) implements ClientState {
    @Override
    public Step localEdit(Delta change, boolean hold) {
      if (change.isEmpty()) {
        return Step.of(this);
      }
      return Step.of(new Holding(revision, nextSeq, new PendingOp(held.seq(), held.delta().compose(change))));
    }

    @Override
    public Step flush() {
      return send(revision, nextSeq, held);
    }

    @Override
    public Step remoteOp(long rev, Delta op) {
      checkNext(revision, rev);
      Square sq = Square.of(held.delta(), op);
      return Step.of(new Holding(rev, nextSeq, new PendingOp(held.seq(), sq.mine())),
          new Effect.ApplyRemote(sq.theirs()));
    }

    @Override
    public Step ack(long seq, long rev, boolean hold) {
      throw new IllegalStateException("ack for seq " + seq + " with no op in flight (seq "
          + held.seq() + " is held, not sent)");
    }

    @Override
    public Step resend() {
      return Step.of(this); // nothing was sent; the pending flush sends it
    }

    @Override
    public Delta pending() {
      return held.delta();
    }
  }

  /** One op in flight, made against {@code revision} (transformed as remote ops arrive). */
  record AwaitingConfirm(long revision, long nextSeq, PendingOp outstanding) implements ClientState {
    @Override
    public Step localEdit(Delta change, boolean hold) {
      if (change.isEmpty()) {
        return Step.of(this);
      }
      return Step.of(new AwaitingWithBuffer(revision, nextSeq, outstanding, change));
    }

    @Override
    public Step remoteOp(long rev, Delta op) {
      checkNext(revision, rev);
      Square sq = Square.of(outstanding.delta(), op);
      return Step.of(new AwaitingConfirm(rev, nextSeq, new PendingOp(outstanding.seq(), sq.mine())),
          new Effect.ApplyRemote(sq.theirs()));
    }

    @Override
    public Step ack(long seq, long rev, boolean hold) {
      checkAck(outstanding, seq, revision, rev);
      return Step.of(new Synchronized(rev, nextSeq), new Effect.Confirmed(seq, rev));
    }

    @Override
    public Step resend() {
      return Step.of(this, new Effect.SendOp(revision, outstanding.seq(), outstanding.delta()));
    }

    @Override
    public Delta pending() {
      return outstanding.delta();
    }
  }

  /** One op in flight and later local edits composed into {@code buffer}, not yet sent. */
  record AwaitingWithBuffer(long revision, long nextSeq, PendingOp outstanding, Delta buffer)
      implements ClientState {
    @Override
    public Step localEdit(Delta change, boolean hold) {
      return Step.of(new AwaitingWithBuffer(revision, nextSeq, outstanding, buffer.compose(change)));
    }

    @Override
    public Step remoteOp(long rev, Delta op) {
      checkNext(revision, rev);
      Square first = Square.of(outstanding.delta(), op);
      Square second = Square.of(buffer, first.theirs());
      return Step.of(
          new AwaitingWithBuffer(rev, nextSeq,
              new PendingOp(outstanding.seq(), first.mine()), second.mine()),
          new Effect.ApplyRemote(second.theirs()));
    }

    @Override
    public Step ack(long seq, long rev, boolean hold) {
      checkAck(outstanding, seq, revision, rev);
      PendingOp sent = new PendingOp(nextSeq, buffer);
      if (hold) {
        return Step.of(new Holding(rev, nextSeq + 1, sent), new Effect.Confirmed(seq, rev),
            new Effect.Hold());
      }
      return send(rev, nextSeq + 1, sent, new Effect.Confirmed(seq, rev));
    }

    @Override
    public Step resend() {
      return Step.of(this, new Effect.SendOp(revision, outstanding.seq(), outstanding.delta()));
    }

    @Override
    public Delta pending() {
      return outstanding.delta().compose(buffer);
    }
  }

  /**
   * After {@code before}, sends {@code op} made against {@code base}; an op over {@link
   * #MAX_OP_BYTES} sends only its head and keeps the rest as the buffer ({@link ChangeSplit}:
   * head ∘ rest = the op), which the head's ack sends (split again if need be).
   */
  private static Step send(long base, long nextSeq, PendingOp op, Effect... before) {
    ChangeSplit.Parts parts = ChangeSplit.split(op.delta(), MAX_OP_BYTES);
    java.util.List<Effect> effects = new java.util.ArrayList<>(java.util.List.of(before));
    effects.add(new Effect.SendOp(base, op.seq(), parts.head()));
    if (parts.rest().isEmpty()) {
      return new Step(new AwaitingConfirm(base, nextSeq, op), effects);
    }
    return new Step(new AwaitingWithBuffer(base, nextSeq, new PendingOp(op.seq(), parts.head()), parts.rest()), effects);
  }

  /**
   * The transform square of the type's diagram for our pending {@code O} and a committed server op
   * {@code S} made at the same revision: {@code mine} = O' (ours, rebased onto S; the server's op
   * came first), {@code theirs} = S' (to apply after O locally).
   */
  record Square(Delta mine, Delta theirs) {
    static Square of(Delta ours, Delta server) {
      return new Square(server.transform(ours, true), ours.transform(server, false));
    }
  }

  private static void checkNext(long revision, long rev) {
    if (rev != revision + 1) {
      throw new IllegalStateException("remote op for revision " + rev + " but the client is at "
          + revision + " (expected " + (revision + 1) + ")");
    }
  }

  private static void checkAck(PendingOp outstanding, long seq, long revision, long rev) {
    if (seq != outstanding.seq()) {
      throw new IllegalStateException("ack for seq " + seq + " but seq " + outstanding.seq()
          + " is in flight");
    }
    if (rev != revision + 1) {
      throw new IllegalStateException("ack with revision " + rev + " but the client is at "
          + revision + " (expected " + (revision + 1) + ")");
    }
  }
}
