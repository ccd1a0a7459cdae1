package dev.tandem.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Delta;
import dev.tandem.ot.RichDocument;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.Ids;
import dev.tandem.protocol.Role;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.Limits;
import dev.tandem.protocol.Values.PeerInfo;
import dev.tandem.protocol.Values.User;
import dev.tandem.sync.ChangeOrigin;
import dev.tandem.sync.RandomEdits;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random outstanding ops and buffers (text and formatting), then the server refuses the
 * outstanding op: the editor fed by the deliveries equals the client's document; that document is
 * the server's with the kept edits applied; and what is sent next is exactly those kept edits, at
 * the server's revision, with a new seq.
 */
class RejectPendingPropertyTest {
  @Test
  void theRevertAndTheKeptBufferAgree() {
    long base = System.nanoTime();
    int kept = 0;
    for (int i = 0; i < 500; i++) {
      long seed = base + i;
      try {
        kept += run(new Random(seed)) ? 1 : 0;
      } catch (Throwable t) {
        throw new AssertionError("seed " + seed, t);
      }
    }
    assertThat(kept).as("runs that kept a buffer").isGreaterThan(100);
  }

  /** True when edits were kept and sent. */
  private static boolean run(Random random) {
    String me = Ids.random();
    RichDocument editor = RichDocument.of(Delta.document("\n"));
    List<ClientMessage> sent = new ArrayList<>();
    SessionCore core = new SessionCore(Ids.random(), Ids.random(), new User("me", "#000000"), me, null,
        new UndoStack(1_000, 100), () -> 0, new SessionCore.Output() {
          @Override
          public boolean send(ClientMessage message) {
            sent.add(message);
            return true;
          }

          @Override
          public void deliver(Delta change, ChangeOrigin origin) {
            editor.apply(change);
          }
        });
    core.batchTyping(random.nextBoolean());
    core.onMessage(ServerMessage.Welcome.snapshot(7, Delta.document("Hello brave new world\n"),
        new PeerInfo(me, new User("me", "#000000"), Role.EDIT), List.of(), List.of(), Limits.DEFAULTS));
    int edits = 1 + random.nextInt(8);
    for (int i = 0; i < edits; i++) {
      Delta edit = RandomEdits.next(random, core.localDocument().length());
      if (core.localEdit(edit) == dev.tandem.sync.Outcome.ACCEPTED) {
        editor.apply(Changes.stamp(edit, me));
      }
    }
    ClientMessage.Submit refused = sent.stream().filter(ClientMessage.Submit.class::isInstance)
        .map(ClientMessage.Submit.class::cast).findFirst().orElse(null);
    if (refused == null) {
      return false; // every edit was empty
    }
    int sentBefore = sent.size();

    core.onMessage(new ServerMessage.Error(ErrorCode.LENGTH_MISMATCH, "refused", false,
        OptionalLong.of(refused.seq())));

    assertThat(editor.toDelta()).isEqualTo(core.localDocument().toDelta());
    RichDocument expected = RichDocument.of(core.serverDocument().toDelta());
    Delta pending = core.state().pending();
    expected.apply(pending);
    assertThat(core.localDocument().toDelta()).isEqualTo(expected.toDelta());
    assertThat(core.serverDocument().toDelta()).isEqualTo(Delta.document("Hello brave new world\n"));
    List<ClientMessage> after = sent.subList(sentBefore, sent.size());
    if (pending.isEmpty()) {
      assertThat(after).isEmpty();
      assertThat(core.pendingEdits()).isZero();
      return false;
    } else {
      assertThat(after).containsExactly(new ClientMessage.Submit(7, refused.seq() + 1, pending));
      assertThat(core.pendingEdits()).isPositive();
      assertThat(Changes.misfit(pending, core.serverDocument())).isNull();
      return true;
    }
  }
}
