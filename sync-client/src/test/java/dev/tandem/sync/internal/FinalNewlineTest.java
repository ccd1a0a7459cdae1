package dev.tandem.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Delta;
import dev.tandem.ot.RichDocument;
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
 * A local edit must leave a document that ends with its final "\n" (docs/protocol.md §3, "fit";
 * {@code FinalNewline}): the server refuses any other with {@code length-mismatch}, so the session
 * refuses it first, with {@code invalid-edit}, on the general path and on the typing batch path
 * alike, and the document and the wire stay untouched.
 */
class FinalNewlineTest {
  private static final User ME = new User("me", "#000000");

  @Test
  void misfitAlsoNamesAChangeThatCoversTooMuch() {
    RichDocument abc = RichDocument.of(Delta.document("abc\n"));
    assertThat(Changes.misfit(Delta.builder().retain(4).delete(2).build(), abc))
        .isEqualTo("the change covers 6 characters but the document has 4");
    assertThat(Changes.misfit(Delta.builder().retain(4).insert("x").build(), abc))
        .isEqualTo("the change leaves the document without a final newline");
    assertThat(Changes.misfit(Delta.builder().retain(3).insert("x").build(), abc)).isNull();
  }

  @Test
  void theRuleHoldsOnBothEditPaths() {
    for (boolean batch : new boolean[] {false, true}) {
      TypingBatchPropertyTest.Side side = new TypingBatchPropertyTest.Side(Ids.random(), batch, false, new long[1]);
      side.core.onMessage(ServerMessage.Welcome.snapshot(0, Delta.document("abc\n"),
          new PeerInfo("x", ME, Role.EDIT), List.of(), List.of(), Limits.DEFAULTS));
      // One op in flight, so the later edits take the batch path when batch typing is on.
      assertThat(side.core.localEdit(Delta.builder().retain(3).insert("d").build())).isEqualTo(Outcome.ACCEPTED);
      int sent = (int) side.out.events.stream().filter(e -> e instanceof ClientMessage).count();

      assertThat(side.core.localEdit(Delta.builder().retain(5).insert("e").build())).as("batch " + batch)
          .isEqualTo(Outcome.INVALID);
      assertThat(side.out.events.getLast()).isEqualTo("error invalid-edit");
      assertThat(side.core.localEdit(Delta.builder().retain(4).delete(1).build())).as("batch " + batch)
          .isEqualTo(Outcome.INVALID);
      assertThat(side.core.localDocument().text()).isEqualTo("abcd\n");
      assertThat(side.out.events.stream().filter(e -> e instanceof ClientMessage).count()).isEqualTo(sent);

      // A paragraph added below the last one, then taken away again (Enter at the end, Backspace).
      assertThat(side.core.localEdit(Delta.builder().retain(5).insert("\n").build())).as("batch " + batch)
          .isEqualTo(Outcome.ACCEPTED);
      assertThat(side.core.localDocument().text()).isEqualTo("abcd\n\n");
      assertThat(side.core.localEdit(Delta.builder().retain(5).delete(1).build())).as("batch " + batch)
          .isEqualTo(Outcome.ACCEPTED);
      assertThat(side.core.localDocument().text()).isEqualTo("abcd\n");
    }
  }
}
