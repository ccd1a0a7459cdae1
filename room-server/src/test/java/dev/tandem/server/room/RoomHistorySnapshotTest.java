package dev.tandem.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.server.store.InMemoryRoomStore;
import dev.tandem.server.store.KeyHashes;
import dev.tandem.server.store.RoomRecord;
import dev.tandem.server.store.StoredOp;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The snapshot source gives exactly the document at the durable revision. */
class RoomHistorySnapshotTest {

  @Test
  void theDurableDocumentUndoesExactlyTheOpsNotYetDurable() {
    InMemoryRoomStore store = new InMemoryRoomStore();
    store.createRoom(new RoomRecord("r1", KeyHashes.ofKeys("e", "v", "a"), Instant.EPOCH));
    RoomHistory history = RoomHistory.load("r1", store, 100);
    Random random = new Random(3);
    Delta reference = RoomHistory.EMPTY_DOCUMENT; // the document at the durable revision
    java.util.List<Delta> pending = new java.util.ArrayList<>();
    for (int round = 0; round < 400; round++) {
      int length = history.documentLength();
      int at = random.nextInt(length); // before the final newline
      Delta.Builder b = Delta.builder().retain(at);
      switch (random.nextInt(3)) {
        case 0 -> b.insert("ab\n".substring(random.nextInt(3)), Attributes.of("author", "c" + random.nextInt(3)));
        case 1 -> b.delete(Math.max(1, Math.min(3, length - 1 - at)));
        default -> b.retain(Math.max(1, Math.min(4, length - 1 - at)), Attributes.of("bold", random.nextBoolean() ? true : null));
      }
      Delta change = b.build();
      try {
        history.accept(new StoredOp(history.head() + 1, "c", history.head() + 1, change, "A", Instant.EPOCH));
      } catch (IllegalArgumentException refused) {
        continue;
      }
      pending.add(change);
      if (random.nextInt(4) == 0) {
        long durable = history.durableRev() + random.nextInt(pending.size() + 1);
        while (history.durableRev() < durable) {
          reference = reference.compose(pending.removeFirst());
          history.markDurable(history.durableRev() + 1);
        }
      }
      assertThat(history.durableDocumentSource().get().toDelta()).as("round %d", round).isEqualTo(reference);
      assertThat(history.durableDocument()).isEqualTo(reference);
      assertThat(history.durableDocumentLength()).isEqualTo(reference.length());
    }
  }
}
