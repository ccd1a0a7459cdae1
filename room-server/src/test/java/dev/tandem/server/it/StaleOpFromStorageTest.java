package dev.tandem.server.it;

import static dev.tandem.server.it.Edits.insert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.CommittedOp;
import dev.tandem.protocol.Values.Range;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * An {@code op} or {@code presence} made at a base older than the ops a room keeps in memory is
 * moved forward through the ops read from storage on a catch-up thread, not on the room's thread:
 * while that read is held, everyone else keeps committing; the stale op is then transformed through
 * <i>every</i> op since its base (those read and those in memory, committed ops winning ties) and
 * committed once; what its connection sent meanwhile is handled after it, in order.
 */
class StaleOpFromStorageTest extends ShortMemoryServer {
  @Test
  void aPresenceWithoutRangesAtAnOldBaseIsForwardedWithoutReadingStorage() {
    try (TestClient a = TestClient.connect(server.port(), room.id());
         TestClient b = TestClient.connect(server.port(), room.id())) {
      a.hello(room.id(), room.editKey());
      b.hello(room.id(), room.viewKey());
      a.typeAcked("x", 0, 5); // memory holds revs 4 and 5 only
      b.presence(5, new Range(1, 1));
      assertThat(a.skipTo(ServerMessage.Presence.class)).isEqualTo(new ServerMessage.Presence(b.clientId, 5, List.of(new Range(1, 1))));

      store.get().hold(); // a read would be held: the presence would not arrive
      b.presence(0);
      assertThat(a.skipTo(ServerMessage.Presence.class)).isEqualTo(new ServerMessage.Presence(b.clientId, 5, List.of()));
      assertThat(store.get().heldOn).isNull();
    }
  }

  @Test
  void aPresenceFurtherBehindMemoryThanACatchUpIsDroppedWithoutReadingStorage() {
    try (TestClient a = TestClient.connect(server.port(), room.id());
         TestClient b = TestClient.connect(server.port(), room.id())) {
      a.hello(room.id(), room.editKey());
      b.hello(room.id(), room.viewKey());
      a.typeAcked("x", 0, 105); // memory holds revs 104 and 105; the catch-up limit is 100 ops

      store.get().hold(); // a read would be held, and the chat line behind it
      b.presence(0, new Range(0, 0)); // 103 revisions before memory
      b.chat("after my caret");
      List<ServerMessage> toA = new java.util.ArrayList<>();
      do {
        toA.add(a.next());
      } while (!(toA.getLast() instanceof ServerMessage.Chat));
      assertThat(toA).noneMatch(ServerMessage.Presence.class::isInstance);
      assertThat(store.get().heldOn).isNull();

      // Within the limit it is still moved through storage: from rev 3, 100 revisions before memory.
      store.get().release();
      b.presence(3, new Range(0, 0));
      assertThat(a.skipTo(ServerMessage.Presence.class).ranges()).containsExactly(new Range(0, 0)); // the inserts were all after it
    }
  }

  @Test
  void aStaleOpIsTransformedThroughStorageOffTheRoomThreadWhileOthersKeepWorking() throws Exception {
    try (TestClient a = TestClient.connect(server.port(), room.id());
         TestClient b = TestClient.connect(server.port(), room.id())) {
      a.hello(room.id(), room.editKey());
      assertThat(b.hello(room.id(), room.editKey()).rev()).isZero();
      a.typeAcked("x", 0, 5); // "xxxxx\n" at rev 5; memory holds revs 4 and 5 only

      store.get().hold();
      // b's op and caret were made at rev 0: transforming them needs revs 1..3 from storage.
      b.op(0, 1, insert(0, "B", b.clientId));
      b.presence(0, new Range(0, 0));
      b.chat("after my op");
      store.get().awaitHeldRead();
      assertThat(store.get().heldOn).startsWith("tandem-catch-up-");

      // The room does not wait for that read: a's ops are committed and acked meanwhile, and the
      // two-op window moves on past the revisions the read stops at.
      a.typeAcked("y", 5, 8);
      store.get().release();

      // Through a's inserts at the caret position every time: committed ops win each tie, in
      // storage's part and memory's part alike, so "B" ends after "xxxxxyyy".
      assertThat(b.skipTo(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(1, 9));
      // a hears of b's op, and of what b sent after it, handled in order: its caret (a stale
      // presence, read from storage too, moved by every insert before it), then its chat line.
      // The caret is handled as soon as the op is accepted, so it names the durable revision of
      // that moment: 8 if the op's write was still going on (then its broadcast comes after), 9
      // if not.
      List<ServerMessage> toA = new java.util.ArrayList<>();
      do {
        toA.add(a.next());
      } while (!(toA.getLast() instanceof ServerMessage.Chat));
      assertThat(toA).hasSize(3);
      assertThat(toA).filteredOn(ServerMessage.Ops.class::isInstance).singleElement()
          .isEqualTo(new ServerMessage.Ops(List.of(new CommittedOp(9, b.clientId, 1, insert(8, "B", b.clientId)))));
      ServerMessage.Presence caret = (ServerMessage.Presence) toA.stream()
          .filter(ServerMessage.Presence.class::isInstance).findFirst().orElseThrow();
      assertThat(caret).isIn(
          new ServerMessage.Presence(b.clientId, 8, List.of(new Range(8, 8))),
          new ServerMessage.Presence(b.clientId, 9, List.of(new Range(9, 9))));
      assertThat(((ServerMessage.Chat) toA.getLast()).text()).isEqualTo("after my op");

      // Every client agrees on the document: a fresh joiner gets "xxxxxyyyB\n" at rev 9.
      try (TestClient c = TestClient.connect(server.port(), room.id())) {
        ServerMessage.Welcome welcome = c.hello(room.id(), room.viewKey());
        assertThat(welcome.rev()).isEqualTo(9);
        assertThat(welcome.doc().orElseThrow().plainText()).isEqualTo("xxxxxyyyB\n");
      }
      // And b goes on from there with an ordinary op.
      b.op(9, 2, insert(9, "!", b.clientId));
      assertThat(b.skipTo(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(2, 10));
    }
  }

  @Test
  void aClientThatLeavesWhileItsStaleOpIsReadIsForgottenAndNothingOfItIsCommitted() throws Exception {
    try (TestClient a = TestClient.connect(server.port(), room.id())) {
      a.hello(room.id(), room.editKey());
      TestClient b = TestClient.connect(server.port(), room.id());
      b.hello(room.id(), room.editKey());
      a.typeAcked("x", 0, 5);
      store.get().hold();
      b.op(0, 1, insert(0, "B", b.clientId));
      store.get().awaitHeldRead();
      b.close();
      assertThat(a.skipTo(ServerMessage.Peer.class).clientId()).isEqualTo(b.clientId);
      store.get().release();

      // The read comes back to no one: a's next op follows its own, and no op of b's is committed.
      a.op(5, 6, insert(5, "y", a.clientId));
      assertThat(a.next(ServerMessage.Ack.class).rev()).isEqualTo(6);
      try (TestClient c = TestClient.connect(server.port(), room.id())) {
        assertThat(c.hello(room.id(), room.viewKey(), OptionalLong.of(4)).ops().orElseThrow())
            .extracting(CommittedOp::clientId).containsExactly(a.clientId, a.clientId);
      }
    }
  }

  @Test
  void aStaleOpThatFitsNoDocumentAfterItsTransformationIsRejectedAndItsConnectionKept() {
    try (TestClient a = TestClient.connect(server.port(), room.id());
         TestClient b = TestClient.connect(server.port(), room.id())) {
      a.hello(room.id(), room.editKey());
      b.hello(room.id(), room.editKey());
      a.typeAcked("x", 0, 5); // memory holds revs 4 and 5: a base of 0 reads storage
      // Within 2^31 − 1 as sent, beyond it once moved through a's inserts: bad input, not a
      // storage failure (docs/protocol.md §9: length-mismatch, not fatal).
      b.op(0, 1, dev.tandem.ot.Delta.builder().retain(Integer.MAX_VALUE - 1).insert("B").build());
      ServerMessage.Error error = b.skipTo(ServerMessage.Error.class);
      assertThat(error.code()).isEqualTo(dev.tandem.protocol.ErrorCode.LENGTH_MISMATCH);
      assertThat(error.fatal()).isFalse();
      assertThat(error.seq()).isEqualTo(OptionalLong.of(1));
      // Its connection goes on: the next op, made at a stale base too, is committed.
      b.op(0, 2, insert(0, "B", b.clientId));
      assertThat(b.skipTo(ServerMessage.Ack.class)).isEqualTo(new ServerMessage.Ack(2, 6));
    }
  }

  @Test
  void aSelectionKeptSinceLongBeforeWhatMemoryHoldsStillReachesAJoinerMovedToNow() {
    try (TestClient a = TestClient.connect(server.port(), room.id());
         TestClient b = TestClient.connect(server.port(), room.id())) {
      a.hello(room.id(), room.editKey());
      b.hello(room.id(), room.editKey());
      b.presence(0, new Range(0, 0));
      assertThat(a.skipTo(ServerMessage.Presence.class).ranges()).containsExactly(new Range(0, 0));
      a.typeAcked("x", 0, 6); // b's caret was placed at rev 0; memory now holds revs 5 and 6 only

      // The room kept b's caret current as ops went by, so the joiner gets it without a read.
      try (TestClient c = TestClient.connect(server.port(), room.id())) {
        c.hello(room.id(), room.viewKey());
        assertThat(c.next(ServerMessage.Presence.class))
            .isEqualTo(new ServerMessage.Presence(b.clientId, 6, List.of(new Range(6, 6))));
      }
    }
  }
}
