package dev.tandem.app.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batching of listener calls, with a hand-run "owner thread" (plain logic, no toolkit). */
class TurnBatcherTest {
  /** Turns scheduled on the owner thread, run by the test. */
  private final ArrayDeque<Runnable> turns = new ArrayDeque<>();
  private boolean onOwner;
  private final TurnBatcher batcher = new TurnBatcher(turns::add, () -> onOwner);
  private final List<String> log = new ArrayList<>();

  private void runTurn() {
    onOwner = true;
    try {
      turns.removeFirst().run();
    } finally {
      onOwner = false;
    }
  }

  @Test
  void commandsQueuedTogetherRunInOrderInOneTurn() {
    for (int i = 0; i < 5; i++) {
      int n = i;
      batcher.execute(() -> log.add("c" + n));
    }
    assertThat(turns).hasSize(1);
    assertThat(log).isEmpty();
    runTurn();
    assertThat(log).containsExactly("c0", "c1", "c2", "c3", "c4");
    assertThat(turns).isEmpty();
  }

  @Test
  void workPutOffToTheBatchEndRunsOnceAfterTheLastCommand() {
    Runnable flush = () -> log.add("flush");
    boolean[] deferred = new boolean[3];
    for (int i = 0; i < 3; i++) {
      int n = i;
      batcher.execute(() -> {
        log.add("c" + n);
        deferred[n] = batcher.atBatchEnd(flush);
      });
    }
    runTurn();
    assertThat(deferred).containsExactly(true, true, true);
    assertThat(log).containsExactly("c0", "c1", "c2", "flush");
    assertThat(batcher.atBatchEnd(flush)).isFalse(); // no batch running: the caller works at once
    assertThat(batcher.inBatch()).isFalse();
  }

  @Test
  void onTheOwnerThreadACommandRunsAtOnceOnlyWhenNothingIsQueued() {
    onOwner = true;
    batcher.execute(() -> log.add("now"));
    assertThat(log).containsExactly("now");
    onOwner = false;
    batcher.execute(() -> log.add("queued"));
    onOwner = true;
    batcher.execute(() -> log.add("after it")); // must not overtake the queued one
    assertThat(log).containsExactly("now");
    runTurn();
    assertThat(log).containsExactly("now", "queued", "after it");
  }

  @Test
  void aCommandExecutedDuringTheBatchRunsInTheSameBatchAfterTheOthers() {
    batcher.execute(() -> {
      log.add("a");
      batcher.execute(() -> log.add("nested"));
      log.add("a done");
    });
    batcher.execute(() -> log.add("b"));
    runTurn();
    assertThat(log).containsExactly("a", "a done", "b", "nested");
  }

  @Test
  void aFloodIsSplitIntoTurnsSoThatInputAndPulsesGoBetween() {
    int total = TurnBatcher.MAX_PER_TURN * 2 + 3;
    for (int i = 0; i < total; i++) {
      batcher.execute(() -> log.add("c"));
    }
    runTurn();
    assertThat(log).hasSize(TurnBatcher.MAX_PER_TURN);
    assertThat(turns).hasSize(1);
    runTurn();
    runTurn();
    assertThat(log).hasSize(total);
    assertThat(turns).isEmpty();
  }

  @Test
  void aFailingCommandDoesNotDropTheRestOfItsBatch() {
    List<Throwable> reported = new ArrayList<>();
    Thread.UncaughtExceptionHandler before = Thread.currentThread().getUncaughtExceptionHandler();
    Thread.currentThread().setUncaughtExceptionHandler((t, e) -> reported.add(e));
    try {
      batcher.execute(() -> {
        throw new IllegalStateException("boom");
      });
      batcher.execute(() -> log.add("still runs"));
      runTurn();
    } finally {
      Thread.currentThread().setUncaughtExceptionHandler(before);
    }
    assertThat(log).containsExactly("still runs");
    assertThat(reported).singleElement().extracting(Throwable::getMessage).isEqualTo("boom");
  }
}
