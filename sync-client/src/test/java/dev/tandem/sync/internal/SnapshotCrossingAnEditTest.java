package dev.tandem.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.RichDocument;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.Ids;
import dev.tandem.protocol.Role;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.Limits;
import dev.tandem.protocol.Values.PeerInfo;
import dev.tandem.protocol.Values.User;
import dev.tandem.sync.ChangeOrigin;
import dev.tandem.sync.Outcome;
import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A snapshot {@code welcome} replaces the document; the editor gets that as one change while the
 * user may be typing into the old document (the {@link EditorChannel} transforms the two across
 * each other). The keystroke must end up in the same place on both sides, inside the document:
 * the replacement used to be "insert the new document, delete the old one, final newline
 * included", which pushed a crossing insert past the new final newline, so the engine refused it
 * (it does not fit) while the editor kept it there: editor and session no longer agreed.
 */
class SnapshotCrossingAnEditTest {
  final String me = Ids.random();
  final User user = new User("me", "#000000");
  final EditorChannel channel = new EditorChannel();
  final ArrayDeque<Runnable> toEditor = new ArrayDeque<>();
  final RichDocument editor = RichDocument.of(Delta.document("\n"));
  final SessionCore core = new SessionCore(Ids.random(), Ids.random(), user, me, null,
      new UndoStack(1_000, 100), () -> 0, new SessionCore.Output() {
        @Override
        public boolean send(ClientMessage message) {
          return true;
        }

        @Override
        public void deliver(Delta change, ChangeOrigin origin) {
          toEditor.add(channel.deliver(change, origin, (c, o) -> editor.apply(c)));
        }
      });

  @Test
  void aKeystrokeCrossingASnapshotLandsInTheNewDocumentOnBothSides() {
    Delta header = Delta.builder().insert("title").insert("\n", Attributes.of("header", 1)).build();
    welcome(3, Delta.builder().insert("hello").insert("\n", Attributes.of("header", 2)).build());
    toEditor.poll().run();
    core.disconnected();
    welcome(9, header); // a reconnect that gets a snapshot: its change waits for the editor

    Delta typed = Delta.builder().retain(5).insert("!").build(); // on "hello\n", the old document
    editor.apply(Changes.stamp(typed, me));
    long seen = channel.submitted(typed);
    Outcome outcome = core.localEdit(channel.incorporate(typed, seen));
    toEditor.poll().run();

    assertThat(outcome).isEqualTo(Outcome.ACCEPTED);
    assertThat(editor.toDelta()).isEqualTo(core.localDocument().toDelta());
    assertThat(core.localDocument().text()).isEqualTo("title!\n");
    assertThat(core.localDocument().paragraphAttributes(0)).isEqualTo(Attributes.of("header", 1));
  }

  private void welcome(long rev, Delta doc) {
    core.onMessage(ServerMessage.Welcome.snapshot(rev, doc, new PeerInfo(me, user, Role.EDIT),
        List.of(), List.of(), Limits.DEFAULTS));
  }
}
