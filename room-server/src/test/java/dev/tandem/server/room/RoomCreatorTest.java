package dev.tandem.server.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Formats;
import dev.tandem.server.store.InMemoryRoomStore;
import dev.tandem.server.store.Snapshot;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class RoomCreatorTest {

  @Test
  void aRoomCanStartWithADocumentAsItsRevisionZeroSnapshot() {
    try (InMemoryRoomStore store = new InMemoryRoomStore()) {
      RoomCreator creator = new RoomCreator(store, Clock.systemUTC());
      Delta doc = Delta.builder().insert("Title").insert("\n", Attributes.of(Formats.HEADER, 1L)).build();
      RoomCreator.NewRoom room = creator.create(doc);
      assertThat(store.findRoom(room.id())).isPresent();
      assertThat(store.latestSnapshot(room.id())).contains(new Snapshot(0, doc));
      assertThat(store.headRevision(room.id())).isZero();
    }
  }

  @Test
  void theFirstDocumentMustBeADocumentEndingWithANewline() {
    try (InMemoryRoomStore store = new InMemoryRoomStore()) {
      RoomCreator creator = new RoomCreator(store, Clock.systemUTC());
      assertThatThrownBy(() -> creator.create(Delta.document("no newline")))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> creator.create(Delta.builder().retain(1).build()))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> creator.create(Delta.EMPTY)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
