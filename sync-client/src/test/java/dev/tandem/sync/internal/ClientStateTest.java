package dev.tandem.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClientStateTest {

  private static Delta insertAt(int index, String text) {
    return Delta.builder().retain(index).insert(text).build();
  }

  @Test
  void synchronizedSendsALocalEditAndWaits() {
    Step step = ClientState.initial(5).localEdit(insertAt(0, "a"));
    assertThat(step.next()).isInstanceOf(ClientState.AwaitingConfirm.class);
    assertThat(step.effects()).containsExactly(new Effect.SendOp(5, 1, insertAt(0, "a")));
    assertThat(step.next().nextSeq()).isEqualTo(2);
  }

  @Test
  void withHoldAFirstEditIsHeldAndLaterEditsJoinItUntilFlush() {
    Step first = ClientState.initial(5).localEdit(insertAt(0, "a"), true);
    assertThat(first.next()).isEqualTo(new ClientState.Holding(5, 2, new PendingOp(1, insertAt(0, "a"))));
    assertThat(first.effects()).containsExactly(new Effect.Hold());
    Step second = first.next().localEdit(insertAt(1, "b"), true);
    assertThat(second.effects()).isEmpty();
    assertThat(second.next().pending()).isEqualTo(insertAt(0, "ab"));
    assertThat(second.next().pendingOps()).isEqualTo(1);
    assertThat(second.next().resend().effects()).isEmpty(); // nothing was sent
    Step flushed = second.next().flush();
    assertThat(flushed.effects()).containsExactly(new Effect.SendOp(5, 1, insertAt(0, "ab")));
    assertThat(flushed.next()).isEqualTo(
        new ClientState.AwaitingConfirm(5, 2, new PendingOp(1, insertAt(0, "ab"))));
    assertThat(flushed.next().flush().effects()).isEmpty(); // only a held op is flushed
  }

  @Test
  void withHoldTheBufferIsHeldAfterTheAckInsteadOfSent() {
    ClientState s = ClientState.initial(0).localEdit(insertAt(0, "a")).next();
    s = s.localEdit(insertAt(1, "b"), true).next();
    Step acked = s.ack(1, 1, true);
    assertThat(acked.effects()).containsExactly(new Effect.Confirmed(1, 1), new Effect.Hold());
    assertThat(acked.next()).isEqualTo(new ClientState.Holding(1, 3, new PendingOp(2, insertAt(1, "b"))));
    Step more = acked.next().localEdit(insertAt(2, "c"), true);
    assertThat(more.next().flush().effects())
        .containsExactly(new Effect.SendOp(1, 2, insertAt(1, "bc")));
  }

  @Test
  void aRemoteOpIsTransformedAgainstAHeldOpAndAnAckWhileHoldingIsAnError() {
    ClientState held = ClientState.initial(0).localEdit(insertAt(1, "a"), true).next();
    Step step = held.remoteOp(1, insertAt(0, "R"));
    assertThat(step.effects()).containsExactly(new Effect.ApplyRemote(insertAt(0, "R")));
    assertThat(step.next()).isEqualTo(new ClientState.Holding(1, 2, new PendingOp(1, insertAt(2, "a"))));
    assertThat(step.next().flush().effects()).containsExactly(new Effect.SendOp(1, 1, insertAt(2, "a")));
    assertThatThrownBy(() -> held.ack(1, 1)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anEditTooLargeForOneOpLeavesInPartsEachAfterThePreviousAck() {
    Delta paste = insertAt(0, "x".repeat((int) (2.5 * ClientState.MAX_OP_BYTES)));
    Step step = ClientState.initial(0).localEdit(paste);
    List<Delta> sent = new ArrayList<>();
    long rev = 0;
    while (true) {
      Effect.SendOp op = (Effect.SendOp) step.effects().getLast();
      assertThat(op.seq()).isEqualTo(rev + 1);
      assertThat(op.base()).isEqualTo(rev);
      assertThat(dev.tandem.ot.ChangeSplit.estimatedBytes(op.delta())).isLessThanOrEqualTo(ClientState.MAX_OP_BYTES);
      sent.add(op.delta());
      if (step.next() instanceof ClientState.AwaitingConfirm) {
        break;
      }
      assertThat(step.next()).isInstanceOf(ClientState.AwaitingWithBuffer.class);
      step = step.next().ack(op.seq(), ++rev);
    }
    assertThat(sent).hasSize(3);
    assertThat(sent.stream().reduce(Delta::compose).orElseThrow()).isEqualTo(paste);
  }

  @Test
  void aHeldEditTooLargeForOneOpSendsItsHeadWhenFlushedAndKeepsTheRestBuffered() {
    Delta paste = insertAt(0, "y".repeat((int) (1.5 * ClientState.MAX_OP_BYTES)));
    Step flushed = ClientState.initial(3).localEdit(paste, true).next().flush();
    ClientState.AwaitingWithBuffer waiting = (ClientState.AwaitingWithBuffer) flushed.next();
    assertThat(flushed.effects()).containsExactly(new Effect.SendOp(3, 1, waiting.outstanding().delta()));
    assertThat(waiting.outstanding().delta().compose(waiting.buffer())).isEqualTo(paste);
    assertThat(waiting.nextSeq()).isEqualTo(2); // the rest takes seq 2 when the head is acknowledged
  }

  @Test
  void editsWhileWaitingAreComposedIntoOneBufferAndSentOnAck() {
    ClientState s = ClientState.initial(0).localEdit(insertAt(0, "a")).next();
    s = s.localEdit(insertAt(1, "b")).next();
    Step third = s.localEdit(insertAt(2, "c"));
    assertThat(third.effects()).isEmpty();
    Step acked = third.next().ack(1, 1);
    assertThat(acked.effects()).containsExactly(
        new Effect.Confirmed(1, 1), new Effect.SendOp(1, 2, insertAt(1, "bc")));
    assertThat(acked.next()).isEqualTo(
        new ClientState.AwaitingConfirm(1, 3, new PendingOp(2, insertAt(1, "bc"))));
  }

  @Test
  void remoteOpWhileWaitingIsTransformedBothWays() {
    // local "x" at 0 in flight; remote inserts "R" at 0 first (server order wins ties).
    ClientState s = ClientState.initial(0).localEdit(insertAt(0, "x")).next();
    Step step = s.remoteOp(1, insertAt(0, "R"));
    assertThat(step.effects()).containsExactly(new Effect.ApplyRemote(insertAt(0, "R")));
    assertThat(((ClientState.AwaitingConfirm) step.next()).outstanding().delta())
        .isEqualTo(insertAt(1, "x"));
  }

  @Test
  void remoteFormattingPassesThroughPendingInsert() {
    Delta doc = Delta.document("hello\n");
    ClientState s = ClientState.initial(0).localEdit(insertAt(0, ">> ")).next();
    Delta bold = Delta.builder().retain(5, Attributes.of("bold", true)).build();
    Step step = s.remoteOp(1, bold);
    Delta local = doc.apply(insertAt(0, ">> "));
    Delta shown = local.apply(((Effect.ApplyRemote) step.effects().getFirst()).change());
    assertThat(shown).isEqualTo(Delta.builder().insert(">> ")
        .insert("hello", Attributes.of("bold", true)).insert("\n").build());
  }

  @Test
  void impossibleEventsThrow() {
    assertThatThrownBy(() -> ClientState.initial(0).ack(1, 1))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no op in flight");
    ClientState waiting = ClientState.initial(0).localEdit(insertAt(0, "a")).next();
    assertThatThrownBy(() -> waiting.ack(7, 1)).hasMessageContaining("seq 7");
    assertThatThrownBy(() -> waiting.remoteOp(3, insertAt(0, "z")))
        .hasMessageContaining("expected 1");
  }

  @Test
  void resendRepeatsTheOutstandingOpWithItsSeq() {
    ClientState s = ClientState.initial(0).localEdit(insertAt(0, "a")).next()
        .localEdit(insertAt(1, "b")).next()
        .remoteOp(1, insertAt(0, "R")).next();
    assertThat(s.resend().effects()).containsExactly(new Effect.SendOp(1, 1, insertAt(1, "a")));
    assertThat(s.pending()).isEqualTo(insertAt(1, "ab"));
  }

  /**
   * Several clients and a minimal in-memory server (a history, the version gate, transform against
   * the committed ops) under a seeded random schedule: every client's document converges on the
   * server's. The end-to-end simulator with a real Room lives with the session tests.
   */
  @Test
  void randomSchedulesConverge() {
    long base = Long.getLong("tandem.seed", System.nanoTime());
    for (int run = 0; run < 300; run++) {
      long seed = base + run;
      try {
        simulate(new Random(seed));
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("failed with seed " + seed + " (-Dtandem.seed=" + seed + ")", e);
      }
    }
  }

  private static void simulate(Random random) {
    int clientCount = 2 + random.nextInt(3);
    List<Delta> history = new ArrayList<>();
    Delta serverDoc = Delta.document("start\n");
    List<SimClient> clients = new ArrayList<>();
    for (int i = 0; i < clientCount; i++) {
      clients.add(new SimClient(i, serverDoc, random.nextBoolean()));
    }
    for (int tick = 0; tick < 200 || clients.stream().anyMatch(SimClient::busy); tick++) {
      SimClient c = clients.get(random.nextInt(clientCount));
      if (c.state instanceof ClientState.Holding && random.nextInt(4) == 0) {
        c.perform(c.state.flush()); // the send delay passed
        continue;
      }
      int action = tick < 200 ? random.nextInt(3) : 1 + random.nextInt(2);
      if (action == 0) {
        c.edit(randomChange(random, c.doc));
      } else if (action == 1 && !c.toServer.isEmpty()) {
        Effect.SendOp op = c.toServer.poll();
        Delta delta = op.delta();
        for (long r = op.base(); r < history.size(); r++) {
          delta = history.get((int) r).transform(delta, true);
        }
        serverDoc = serverDoc.apply(delta);
        history.add(delta);
        long rev = history.size();
        for (SimClient other : clients) {
          other.inbox.add(new Object[] {rev, c.id, op.seq(), delta});
        }
      } else if (!c.inbox.isEmpty()) {
        Object[] msg = c.inbox.poll();
        long rev = (long) msg[0];
        Step step = (int) msg[1] == c.id
            ? c.state.ack((long) msg[2], rev, c.hold)
            : c.state.remoteOp(rev, (Delta) msg[3]);
        c.perform(step);
      }
    }
    for (SimClient c : clients) {
      assertThat(c.doc).as("client %d", c.id).isEqualTo(serverDoc);
      assertThat(c.state).isInstanceOf(ClientState.Synchronized.class);
    }
  }

  private static Delta randomChange(Random random, Delta doc) {
    int length = doc.length();
    int at = random.nextInt(length);
    if (random.nextInt(150) == 0) { // a paste too large for one op: it leaves in parts
      return insertAt(at, "z".repeat((int) ClientState.MAX_OP_BYTES + random.nextInt(1_000)));
    }
    return switch (random.nextInt(3)) {
      case 0 -> insertAt(at, String.valueOf((char) ('a' + random.nextInt(26))));
      case 1 -> Delta.builder().retain(at).delete(Math.min(1 + random.nextInt(3), length - 1 - at)).build();
      default -> Delta.builder().retain(at)
          .retain(Math.min(1 + random.nextInt(4), length - at), Attributes.of("bold", random.nextBoolean() ? true : null))
          .build();
    };
  }

  private static final class SimClient {
    final int id;
    final boolean hold;
    Delta doc;
    ClientState state = ClientState.initial(0);
    final ArrayDeque<Effect.SendOp> toServer = new ArrayDeque<>();
    final ArrayDeque<Object[]> inbox = new ArrayDeque<>();

    SimClient(int id, Delta doc, boolean hold) {
      this.id = id;
      this.doc = doc;
      this.hold = hold;
    }

    boolean busy() {
      return !toServer.isEmpty() || !inbox.isEmpty() || state instanceof ClientState.Holding;
    }

    void edit(Delta change) {
      doc = doc.apply(change);
      perform(state.localEdit(change, hold));
    }

    void perform(Step step) {
      state = step.next();
      for (Effect e : step.effects()) {
        switch (e) {
          case Effect.SendOp send -> toServer.add(send);
          case Effect.ApplyRemote remote -> doc = doc.apply(remote.change());
          case Effect.Confirmed confirmed -> { }
          case Effect.Hold hold -> { }
        }
      }
    }
  }
}
