package dev.tandem.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.CommittedOp;

/**
 * The least a real client must do (the ot.js client in three fields): a document, at most one
 * outstanding op, and a buffer of local edits made meanwhile. Remote ops are transformed through
 * outstanding and buffer before they are applied; an ack sends the buffer as the next op.
 * Owned by the test thread.
 */
final class MiniOtClient {
  final TestClient socket;
  Delta document;
  long rev;
  private Delta outstanding;
  private Delta buffer;
  private long seq;
  /** Ops this client sent (each is committed exactly once). */
  int sent;

  /**
   * Asked for acks in the shared ops frame: its own op arrives in {@code ops} and is its ack; an
   * {@code ack} frame would be a server bug here (this client never resends).
   */
  final boolean acksInOps;

  MiniOtClient(TestClient socket, ServerMessage.Welcome welcome) {
    this(socket, welcome, false);
  }

  MiniOtClient(TestClient socket, ServerMessage.Welcome welcome, boolean acksInOps) {
    this.socket = socket;
    this.acksInOps = acksInOps;
    this.document = welcome.doc().orElseThrow();
    this.rev = welcome.rev();
  }

  /** A local edit: applied at once, sent now or buffered behind the op in flight. */
  void edit(Delta change) {
    document = document.apply(change);
    if (outstanding == null) {
      send(change);
    } else {
      buffer = buffer == null ? change : buffer.compose(change);
    }
  }

  boolean idle() {
    return outstanding == null && buffer == null;
  }

  /** Handles one frame from the server. */
  void receive(ServerMessage message) {
    switch (message) {
      case ServerMessage.Ack ack -> {
        assertThat(acksInOps).as("an ack frame to a client that takes acks in ops").isFalse();
        acked(ack.seq(), ack.rev());
      }
      case ServerMessage.Ops ops -> ops.ops().forEach(op -> {
        if (op.clientId().equals(socket.clientId)) {
          assertThat(acksInOps).as("own op in an ops frame to a client that takes ack frames").isTrue();
          acked(op.seq(), op.rev());
        } else {
          remote(op);
        }
      });
      case ServerMessage.Error error -> throw new AssertionError("unexpected error " + error);
      default -> { }
    }
  }

  private void acked(long ackedSeq, long ackedRev) {
    assertThat(outstanding).as("ack without an op in flight").isNotNull();
    assertThat(ackedSeq).isEqualTo(seq);
    assertThat(ackedRev).as("an ack follows every earlier op").isEqualTo(rev + 1);
    rev = ackedRev;
    outstanding = null;
    if (buffer != null) {
      Delta next = buffer;
      buffer = null;
      send(next);
    }
  }

  private void remote(CommittedOp op) {
    assertThat(op.rev()).as("revisions arrive in order").isEqualTo(rev + 1);
    Delta s = op.delta();
    if (outstanding != null) {
      Delta s1 = outstanding.transform(s, false);
      outstanding = s.transform(outstanding, true);
      s = s1;
    }
    if (buffer != null) {
      Delta s2 = buffer.transform(s, false);
      buffer = s.transform(buffer, true);
      s = s2;
    }
    document = document.apply(s);
    rev = op.rev();
  }

  private void send(Delta change) {
    outstanding = change;
    sent++;
    socket.op(rev, ++seq, change);
  }
}
