package dev.tandem.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WarmUpTest {
  @Test
  void thePracticeSessionTypesGetsAckedAndTakesOthersOps() {
    // 2,000 lines of 79 characters and a newline, then 300 own characters and 50 of others'.
    assertThat(WarmUp.run()).isEqualTo(2_000 * 80 + 300 + 50);
  }
}
