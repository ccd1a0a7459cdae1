package dev.tandem.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoomLoadWarmUpTest {
  @Test
  void thePracticeLoadsDecodeBuildCopyAndEncodeTheWholeDocumentEachRound() {
    // Six rounds, each decoding the snapshot the previous one wrote and inserting four characters.
    assertThat(RoomLoadWarmUp.practiceLength()).isGreaterThan(999_900);
    assertThat(RoomLoadWarmUp.run()).isEqualTo(RoomLoadWarmUp.practiceLength() + 6 * 4);
  }
}
