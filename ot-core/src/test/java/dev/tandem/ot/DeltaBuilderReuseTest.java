package dev.tandem.ot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeltaBuilderReuseTest {
  @Test
  void buildingDoesNotEndTheSequence() {
    Delta.Builder b = Delta.builder().retain(2).insert("ab").delete(1);
    Delta first = b.build();
    Delta second = b.insert("c").retain(3).build();
    assertThat(first).isEqualTo(Delta.of(new Op.Retain(2), new Op.Insert("ab"), new Op.Delete(1)));
    assertThat(second).isEqualTo(Delta.builder().retain(2).insert("abc").delete(1).build());
    assertThat(second.ops()).hasSize(3);
  }
}
