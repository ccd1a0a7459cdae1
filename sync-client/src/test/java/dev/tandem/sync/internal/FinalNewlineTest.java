package dev.tandem.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.Ids;
import dev.tandem.protocol.Role;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.Limits;
import dev.tandem.protocol.Values.PeerInfo;
import dev.tandem.protocol.Values.User;
import dev.tandem.sync.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A document always ends with its final "\n": a local edit may not delete it, and text it inserts
 * after it must end with a "\n" (docs/protocol.md §3, "fit"). The server refuses both with {@code length-mismatch}, so the
 * session refuses them first, with {@code invalid-edit}, on the general path and on the typing
 * batch path alike, and the document and the wire stay untouched.
 */
class FinalNewlineTest {
  private static final User ME = new User("me", "#000000");

  @Test
  void theFitRuleNamesEachWayOfBreakingIt() {
    assertThat(Changes.misfit(Delta.builder().retain(3).insert("x").build(), 4)).isNull();
    assertThat(Changes.misfit(Delta.builder().retain(4).insert("x").build(), 4))
        .isEqualTo("the change inserts text after the document's final newline that does not end with a newline");
    // A paragraph added below the last one, keeping that line's own newline and attributes.
    assertThat(Changes.misfit(Delta.builder().retain(4).insert("x").insert("\n", dev.tandem.ot.Attributes.of("list", "bullet")).build(), 4)).isNull();
    assertThat(Changes.misfit(Delta.builder().retain(4).insert("x\n").insert("y", dev.tandem.ot.Attributes.of("bold", true)).build(), 4))
        .isNotNull();
    assertThat(Changes.misfit(Delta.builder().retain(3).delete(1).build(), 4))
        .isEqualTo("the change deletes the document's final newline");
    assertThat(Changes.misfit(Delta.builder().retain(4).delete(2).build(), 4))
        .isEqualTo("the change covers 6 characters but the document has 4");
  }

  @Test
  void anInsertAfterTheFinalNewlineMustEndWithOneOnBothPaths() {
    for (boolean batch : new boolean[] {false, true}) {
      TypingBatchPropertyTest.Side side = new TypingBatchPropertyTest.Side(Ids.random(), batch, false, new long[1]);
      side.core.onMessage(ServerMessage.Welcome.snapshot(0, Delta.document("abc\n"),
          new PeerInfo("x", ME, Role.EDIT), List.of(), List.of(), Limits.DEFAULTS));
      // One op in flight, so the second edit takes the batch path when batch typing is on.
      assertThat(side.core.localEdit(Delta.builder().retain(3).insert("d").build())).isEqualTo(Outcome.ACCEPTED);
      int sent = (int) side.out.events.stream().filter(e -> e instanceof ClientMessage).count();

      assertThat(side.core.localEdit(Delta.builder().retain(5).insert("e").build())).as("batch " + batch)
          .isEqualTo(Outcome.INVALID);
      assertThat(side.out.events.getLast()).isEqualTo("error invalid-edit");
      assertThat(side.core.localDocument().text()).isEqualTo("abcd\n");
      assertThat(side.out.events.stream().filter(e -> e instanceof ClientMessage).count()).isEqualTo(sent);

      assertThat(side.core.localEdit(Delta.builder().retain(5).insert("e\n").build())).as("batch " + batch)
          .isEqualTo(Outcome.ACCEPTED);
      assertThat(side.core.localDocument().text()).isEqualTo("abcd\ne\n");
    }
  }
}
