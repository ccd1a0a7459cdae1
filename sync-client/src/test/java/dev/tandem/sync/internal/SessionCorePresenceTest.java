package dev.tandem.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.Ids;
import dev.tandem.protocol.Role;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.CommittedOp;
import dev.tandem.protocol.Values.Limits;
import dev.tandem.protocol.Values.PeerInfo;
import dev.tandem.protocol.Values.Range;
import dev.tandem.protocol.Values.User;
import dev.tandem.sync.ChangeOrigin;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Presence position mapping on a {@link SessionCore} fed server frames by hand: our selections
 * go out at our acknowledged revision (mapped back through pending ops); a peer's come in at
 * their revision and are moved through the committed ops since and through our pending ops.
 * Every assertion names the character a caret must sit on, not just a number.
 */
class SessionCorePresenceTest {
  static final PeerInfo PEER = new PeerInfo(Ids.random(), new User("bo", "#2196f3"), Role.EDIT);
  static final String OTHER = PEER.clientId();

  record Seen(PeerInfo peer, List<Range> ranges) {}

  final List<ClientMessage> sent = new ArrayList<>();
  final List<Seen> seen = new ArrayList<>();
  final SessionCore core = new SessionCore(Ids.random(), Ids.random(), new User("me", "#000000"),
      Ids.random(), null, new UndoStack(1_000, 100), () -> 0, new SessionCore.Output() {
        @Override
        public boolean send(ClientMessage message) {
          sent.add(message);
          return true;
        }

        @Override
        public void deliver(Delta change, ChangeOrigin origin) {}

        @Override
        public void selections(PeerInfo peer, List<Range> ranges) {
          seen.add(new Seen(peer, ranges));
        }
      });
  long rev;

  SessionCorePresenceTest() {
    PeerInfo you = new PeerInfo(core.clientId(), new User("me", "#000000"), Role.EDIT);
    // the room at revision 0 holds "hello world"; bo is there
    core.onMessage(ServerMessage.Welcome.snapshot(0, Delta.document("hello world\n"), you,
        List.of(PEER), List.of(), Limits.DEFAULTS));
  }

  static Delta insert(int at, String text) {
    return Delta.builder().retain(at).insert(text).build();
  }

  static Delta delete(int at, int n) {
    return Delta.builder().retain(at).delete(n).build();
  }

  static List<Range> caret(int i) {
    return List.of(new Range(i, i));
  }

  String local() {
    return core.localDocument().text();
  }

  String server() {
    return core.serverDocument().text();
  }

  void remote(Delta d) {
    rev++;
    core.onMessage(new ServerMessage.Ops(List.of(new CommittedOp(rev, OTHER, rev, d))));
  }

  void ackOutstanding() {
    ClientMessage.Submit s = (ClientMessage.Submit) sent.stream()
        .filter(m -> m instanceof ClientMessage.Submit).reduce((a, b) -> b).orElseThrow();
    rev++;
    core.onMessage(new ServerMessage.Ack(s.seq(), rev));
  }

  // ---- outgoing ------------------------------------------------------------------------------

  @Test
  void withNothingPendingTheSelectionGoesOutAsIsAtOurRevision() {
    ClientMessage.Presence p = core.presence(List.of(new Range(0, 5)));
    assertThat(p).isEqualTo(new ClientMessage.Presence(0, List.of(new Range(0, 5))));
  }

  @Test
  void outgoingSelectionsAreMappedBackThroughTheOutstandingOpAndTheBuffer() {
    core.localEdit(insert(0, "abc")); // outstanding
    core.localEdit(delete(4, 3)); // buffered: "ell" deleted
    assertThat(local()).isEqualTo("abcho world\n");
    assertThat(core.state()).isInstanceOf(ClientState.AwaitingWithBuffer.class);

    ClientMessage.Presence p = core.presence(List.of(new Range(local().indexOf('w'), local().indexOf('w') + 5),
        new Range(4, 4), new Range(2, 2)));
    assertThat(p.base()).isZero();
    assertThat(server()).isEqualTo("hello world\n");
    // "world" is "world" at revision 0
    Range world = p.ranges().get(0);
    assertThat(server().substring(world.anchor(), world.head())).isEqualTo("world");
    // a caret before "o" (where "ell" was deleted locally) sits before the same "o"
    assertThat(server().charAt(p.ranges().get(1).head())).isEqualTo('o');
    assertThat(p.ranges().get(1).head()).isEqualTo(4);
    // a caret inside our own unsent text sits where that text will go
    assertThat(p.ranges().get(2)).isEqualTo(new Range(0, 0));
  }

  @Test
  void outgoingSelectionsAfterARemoteOpCrossedOurPendingOpsUseTheNewRevision() {
    core.localEdit(insert(0, "abc"));
    remote(insert(0, "XY")); // committed first: the server's document is "XYhello world"
    core.localEdit(insert(local().indexOf(' '), "!"));
    assertThat(local()).isEqualTo("XYabchello! world\n");
    int w = local().indexOf('w');
    ClientMessage.Presence p = core.presence(caret(w));
    assertThat(p.base()).isEqualTo(1);
    assertThat(server()).isEqualTo("XYhello world\n");
    assertThat(server().charAt(p.ranges().get(0).head())).isEqualTo('w');
    // after the ack the base moves on and the mapping goes through the buffer only
    ackOutstanding();
    ClientMessage.Presence q = core.presence(caret(w));
    assertThat(q.base()).isEqualTo(2);
    assertThat(server()).isEqualTo("XYabchello world\n");
    assertThat(server().charAt(q.ranges().get(0).head())).isEqualTo('w');
  }

  // ---- incoming ------------------------------------------------------------------------------

  @Test
  void incomingSelectionsMoveThroughRecentOpsOursIncludedAndThroughPendingOps() {
    core.localEdit(insert(0, "abc")); // our op, outstanding
    remote(insert(0, "XY")); // rev 1
    ackOutstanding(); // rev 2: ours
    core.localEdit(delete(5, 2)); // pending again: "he" deleted locally
    remote(insert(10, "Z")); // rev 3, on the server's "XYabchello world"
    assertThat(server()).isEqualTo("XYabchelloZ world\n");
    assertThat(local()).isEqualTo("XYabclloZ world\n");

    // bo's selection of "world" and a caret before "o", both made at revision 0 ("hello world")
    core.onMessage(new ServerMessage.Presence(OTHER, 0, List.of(new Range(6, 11), new Range(4, 4))));
    assertThat(seen).hasSize(1);
    Seen s = seen.getFirst();
    assertThat(s.peer()).isEqualTo(PEER);
    Range world = s.ranges().get(0);
    assertThat(local().substring(world.anchor(), world.head())).isEqualTo("world");
    assertThat(local().charAt(s.ranges().get(1).head())).isEqualTo('o');

    // the same caret sent at the current revision: through the pending op only
    core.onMessage(new ServerMessage.Presence(OTHER, 3, caret(server().indexOf('w'))));
    assertThat(local().charAt(seen.getLast().ranges().getFirst().head())).isEqualTo('w');
  }

  @Test
  void selectionsFromTheFutureOrFromStrangersAreDropped() {
    core.onMessage(new ServerMessage.Presence(OTHER, 5, caret(1)));
    core.onMessage(new ServerMessage.Presence(Ids.random(), 0, caret(1)));
    assertThat(seen).isEmpty();
    core.onMessage(new ServerMessage.Presence(OTHER, 0, caret(1)));
    assertThat(seen).containsExactly(new Seen(PEER, caret(1)));
  }

  /**
   * Random local edits, remote ops and acks around a marker character {@code W} that no edit
   * deletes. At every step our caret before W maps to a position before W on the server's
   * document, and a peer's caret before W at any earlier revision lands before W locally.
   */
  @Test
  void seededRandomEditsKeepCaretsOnTheirCharacter() {
    long base = Long.getLong("presence.seed", System.nanoTime());
    System.out.println("SessionCorePresenceTest seeds " + base + ".." + (base + 99));
    for (long seed = base; seed < base + 100; seed++) {
      try {
        new SessionCorePresenceTest().randomRun(seed);
      } catch (Throwable t) {
        throw new AssertionError("reproduce with -Dpresence.seed=" + seed, t);
      }
    }
  }

  private void randomRun(long seed) {
    java.util.Random random = new java.util.Random(seed);
    core.localEdit(insert(6, "W")); // "hello Wworld"
    ackOutstanding();
    List<String> serverAt = new ArrayList<>();
    for (long r = 0; r < rev; r++) {
      serverAt.add(null); // revisions before W existed are never used
    }
    serverAt.add(server()); // serverAt.get(rev) = the server's text at rev
    for (int step = 0; step < 60; step++) {
      int what = random.nextInt(10);
      if (what < 4) {
        core.localEdit(randomEdit(random, local()));
      } else if (what < 7) {
        remote(randomEdit(random, server()));
        serverAt.add(server());
      } else if (core.state().pendingOps() > 0) {
        ackOutstanding();
        serverAt.add(server());
      }
      int mine = local().indexOf('W');
      ClientMessage.Presence p = core.presence(caret(mine));
      assertThat(p.base()).isEqualTo(core.revision());
      assertThat(server().charAt(p.ranges().getFirst().head())).as("outgoing at step " + step).isEqualTo('W');

      long at = 1 + random.nextInt((int) rev);
      String then = serverAt.get((int) at);
      int before = seen.size();
      core.onMessage(new ServerMessage.Presence(OTHER, at, caret(then.indexOf('W'))));
      assertThat(seen).hasSize(before + 1);
      assertThat(local().charAt(seen.getLast().ranges().getFirst().head()))
          .as("incoming from revision " + at + " at step " + step).isEqualTo('W');
    }
  }

  /** An insert of 1–3 letters or a delete of 1–3 characters that spares W and the final newline. */
  private static Delta randomEdit(java.util.Random random, String text) {
    int w = text.indexOf('W');
    if (random.nextBoolean() || text.length() < 3) {
      int at = random.nextInt(text.length()); // before the final "\n" (or exactly at W)
      return insert(at, "abc".substring(0, 1 + random.nextInt(3)));
    }
    boolean before = w > 0 && (random.nextBoolean() || text.length() - 1 - (w + 1) <= 0);
    int from = before ? 0 : w + 1;
    int to = before ? w : text.length() - 1;
    if (to - from <= 0) {
      return insert(0, "q");
    }
    int at = from + random.nextInt(to - from);
    int n = 1 + random.nextInt(Math.min(3, to - at));
    return delete(at, n);
  }
}
