package dev.tandem.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Attributes;
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
import dev.tandem.sync.Outcome;
import dev.tandem.sync.SyncError;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The batch path for typing ({@link SessionCore#plainEdit} and its {@link TypingRun}) against the
 * general path, as a seeded property: two cores with the same client id get the same random
 * session — typing, backspacing and deleting around a wandering caret, jumps, formatted and mixed
 * edits, invalid edits (past the end, the final newline, inside a surrogate pair), acks, remote
 * ops, holds and flushes, undo and redo, presence, pauses — one with the batch path, one without.
 * At random checkpoints and at the end they must agree on every outcome, every frame sent, every
 * change delivered, every error code, the state (held op, outstanding op, buffer), both documents,
 * the pending count, and the whole undo stack (popped to the bottom).
 *
 * <p>Each try is one seed; a failure names it. Rerun one with {@code -Dtyping.seed=N}
 * ({@code -Dtyping.tries=N} changes how many run).
 */
class TypingBatchPropertyTest {
  private static final String ROOM = Ids.random();
  private static final User ME = new User("me", "#000000");
  private static final String PAUSE_TEXT = "ab cd\nxy";
  private static final long PAUSE = 5;

  /** Everything a core did through its output, in order. */
  static final class Recorder implements SessionCore.Output {
    final List<Object> events = new ArrayList<>();

    @Override
    public boolean send(ClientMessage message) {
      events.add(message);
      return true;
    }

    @Override
    public void deliver(Delta change, ChangeOrigin origin) {
      events.add(origin + " " + change);
    }

    @Override
    public void error(SyncError error) {
      events.add("error " + error.code()); // messages may word a surrogate split differently
    }

    @Override
    public void holdStarted() {
      events.add("hold");
    }
  }

  /** One core and what it did. */
  static final class Side {
    final Recorder out = new Recorder();
    final SessionCore core;
    final List<Object> results = new ArrayList<>();

    Side(String clientId, boolean batch, boolean hold, long[] clock) {
      core = new SessionCore(ROOM, "key", ME, clientId, null, new UndoStack(PAUSE, 40),
          () -> clock[0], out);
      core.holdSends(hold);
      core.batchTyping(batch);
    }
  }

  @Test
  void theBatchPathDoesWhatTheGeneralPathDoes() {
    String fixed = System.getProperty("typing.seed");
    int tries = fixed != null ? 1 : Integer.getInteger("typing.tries", 400);
    long base = fixed != null ? Long.parseLong(fixed) : new SplittableRandom().nextLong();
    long batched = 0;
    for (int i = 0; i < tries; i++) {
      long seed = base + i;
      try {
        batched += run(new SplittableRandom(seed));
      } catch (Throwable t) {
        throw new AssertionError("property 'batch typing = general path' failed at try " + (i + 1)
            + " of " + tries + "; seed " + seed + " (rerun: -Dtyping.seed=" + seed + ")", t);
      }
    }
    assertThat(batched).as("plain edits accepted while an op was pending (the batch path's cases)")
        .isGreaterThan(tries * 10L);
  }

  /** One session; returns how many plain edits were accepted while an op was pending. */
  private static long run(SplittableRandom random) {
    long batched = 0;
    String clientId = Ids.random();
    long[] clock = {0};
    boolean hold = random.nextBoolean();
    Side batch = new Side(clientId, true, hold, clock);
    Side general = new Side(clientId, false, hold, clock);
    List<Side> both = List.of(batch, general);
    Delta initial = random.nextInt(4) == 0
        ? Delta.builder().insert("a😀b").insert("bold", Attributes.of("bold", true)).insert("\n").build()
        : Delta.document(PAUSE_TEXT.repeat(random.nextInt(3)) + "\n");
    for (Side s : both) {
      s.core.onMessage(ServerMessage.Welcome.snapshot(0, initial, new PeerInfo(clientId, ME, Role.EDIT),
          List.of(), List.of(), Limits.DEFAULTS));
    }
    int caret = 0;
    int steps = 20 + random.nextInt(200);
    for (int step = 0; step < steps; step++) {
      int length = batch.core.localDocument().length();
      caret = Math.min(caret, length - 1);
      int dice = random.nextInt(100);
      Delta edit = null;
      if (dice < 45) {
        String text = randomText(random);
        edit = Delta.builder().retain(caret).insert(text).build();
        caret += text.length();
      } else if (dice < 60) {
        int n = 1 + random.nextInt(3);
        int at = Math.max(0, caret - n);
        edit = Delta.builder().retain(at).delete(caret - at).build();
        caret = at;
      } else if (dice < 65) {
        edit = Delta.builder().retain(caret).delete(1 + random.nextInt(3)).build();
      } else if (dice < 70) {
        caret = random.nextInt(length + 1);
      } else if (dice < 73) {
        edit = random.nextBoolean()
            ? Delta.builder().retain(length + random.nextInt(3)).insert("x").build()
            : Delta.builder().retain(length - 1).delete(1).build();
      } else if (dice < 76) {
        edit = Delta.builder().retain(caret).insert("B", Attributes.of("bold", true)).build();
      } else if (dice < 78) {
        edit = Delta.builder().retain(caret).insert("m").delete(1).build();
      } else if (dice < 80) {
        edit = Delta.builder().retain(random.nextInt(length)).retain(1, Attributes.of("italic", true)).build();
      } else if (dice < 84) {
        for (Side s : both) {
          PendingOp o = outstanding(s.core.state());
          if (o != null) {
            s.core.onMessage(new ServerMessage.Ack(o.seq(), s.core.revision() + 1));
          }
        }
      } else if (dice < 86) {
        var server = batch.core.serverDocument();
        int at = random.nextInt(server.length());
        if (at > 0 && Character.isHighSurrogate(server.charAt(at - 1))) {
          at++; // a server never commits an insert inside a surrogate pair
        }
        Delta remote = Delta.builder().retain(at).insert("R", Attributes.of("author", "other")).build();
        for (Side s : both) {
          s.core.onMessage(new ServerMessage.Ops(List.of(
              new CommittedOp(s.core.revision() + 1, "other", 1, remote))));
        }
      } else if (dice < 89) {
        both.forEach(s -> s.core.flushHeld());
      } else if (dice < 91) {
        both.forEach(s -> s.results.add(String.valueOf(s.core.undo())));
      } else if (dice < 92) {
        both.forEach(s -> s.results.add(String.valueOf(s.core.redo())));
      } else if (dice < 94) {
        List<Range> selection = List.of(new Range(caret, caret));
        both.forEach(s -> s.results.add(String.valueOf(s.core.presence(selection))));
      } else if (dice < 97) {
        clock[0] += PAUSE + 1; // ends the undo group
      } else {
        assertSame(batch, general);
      }
      if (edit != null) {
        Delta e = edit;
        boolean pending = batch.core.pendingEdits() > 0; // an op held or in flight (no settling)
        both.forEach(s -> s.results.add(s.core.localEdit(e)));
        if (pending && new PlainEdit().parse(e) && batch.results.getLast() == Outcome.ACCEPTED) {
          batched++;
        }
      }
      clock[0] += random.nextInt(2);
    }
    assertSame(batch, general);
    for (int guard = 0; guard < 100; guard++) {
      Delta a = batch.core.undo();
      Delta b = general.core.undo();
      assertThat(a).isEqualTo(b);
      if (a == null) {
        break;
      }
    }
    assertSame(batch, general);
    return batched;
  }

  private static String randomText(SplittableRandom random) {
    return switch (random.nextInt(12)) {
      case 0 -> " ";
      case 1 -> "\n";
      case 2 -> "😀";
      case 3 -> "two words";
      default -> String.valueOf((char) ('a' + random.nextInt(26)));
    };
  }

  private static PendingOp outstanding(ClientState state) {
    return switch (state) {
      case ClientState.AwaitingConfirm a -> a.outstanding();
      case ClientState.AwaitingWithBuffer b -> b.outstanding();
      default -> null;
    };
  }

  private static void assertSame(Side batch, Side general) {
    assertThat(batch.results).isEqualTo(general.results);
    assertThat(batch.core.state()).isEqualTo(general.core.state());
    assertThat(batch.out.events).isEqualTo(general.out.events);
    assertThat(batch.core.localDocument().toDelta()).isEqualTo(general.core.localDocument().toDelta());
    assertThat(batch.core.serverDocument().toDelta()).isEqualTo(general.core.serverDocument().toDelta());
    assertThat(batch.core.pendingEdits()).isEqualTo(general.core.pendingEdits());
    assertThat(batch.core.canUndo()).isEqualTo(general.core.canUndo());
    assertThat(batch.core.canRedo()).isEqualTo(general.core.canRedo());
  }
}
