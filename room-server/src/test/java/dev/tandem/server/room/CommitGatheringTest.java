package dev.tandem.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Delta;
import dev.tandem.server.store.StoredOp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule that decides whether a room's next write waits for the ops of the clients just acked. */
class CommitGatheringTest {
  private final CommitGathering gathering = new CommitGathering();

  @Test
  void aLoneTypistIsNeverHeld() {
    assertThat(gathering.shouldHold(batch("a"), 0)).isFalse();
    assertThat(gathering.shouldHold(batch("a", "a", "a", "a"), 0)).as("one client's many ops count once").isFalse();
    assertThat(gathering.shouldHold(List.of(), 3)).isFalse();
  }

  @Test
  void twoOrMoreJustAckedClientsHoldTheNextWriteUntilAllButAQuarterHaveSent() {
    List<String> clients = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      clients.add("c" + i);
    }
    assertThat(gathering.shouldHold(batch(clients.toArray(String[]::new)), 16)).isTrue();
    for (int i = 0; i < 11; i++) {
      assertThat(gathering.arrived("c" + i)).as("after %d of 16", i + 1).isFalse();
    }
    assertThat(gathering.arrived("c0")).as("a second op of the same client does not count").isFalse();
    assertThat(gathering.arrived("stranger")).as("a client that was not acked does not count").isFalse();
    assertThat(gathering.arrived("c11")).as("12 of 16 sent: 4 left, a quarter").isTrue();
  }

  @Test
  void twoClientsAreWaitedForUntilBothSent() {
    assertThat(gathering.shouldHold(batch("a", "b"), 0)).isTrue();
    assertThat(gathering.arrived("a")).isFalse();
    assertThat(gathering.arrived("b")).isTrue();
  }

  @Test
  void aFewExpectedClientsDoNotHoldBackManyWaitingOps() {
    assertThat(gathering.shouldHold(batch("a", "b", "c"), 7)).as("3 expected, 7 waiting").isFalse();
    assertThat(gathering.shouldHold(batch("a", "b", "c"), 6)).as("3 expected, 6 waiting").isTrue();
  }

  @Test
  void eachHoldExpectsOnlyTheClientsOfTheWriteThatJustCompleted() {
    assertThat(gathering.shouldHold(batch("a", "b", "c", "d"), 0)).isTrue();
    gathering.clear();
    assertThat(gathering.shouldHold(batch("x", "y"), 0)).isTrue();
    assertThat(gathering.arrived("a")).as("a was expected by the previous hold only").isFalse();
    assertThat(gathering.arrived("x")).isFalse();
    assertThat(gathering.arrived("y")).isTrue();
  }

  static List<StoredOp> batch(String... clientIds) {
    List<StoredOp> ops = new ArrayList<>();
    for (String clientId : clientIds) {
      ops.add(op(clientId, ops.size() + 1));
    }
    return ops;
  }

  static StoredOp op(String clientId, long rev) {
    return new StoredOp(rev, clientId, rev, Delta.builder().insert("x").build(), "", Instant.EPOCH);
  }
}
