package dev.tandem.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.store.RoomStore;
import dev.tandem.server.store.StoredOp;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The commit pipeline applies {@link CommitGathering}: a lone typist's ops are written at once, a
 * write held for the just-acked clients starts when they have sent or when its timer fires, and a
 * late timer of an earlier hold changes nothing. The store is a fake that records appends (this is
 * the pipeline's logic; the real store's behaviour is tested elsewhere).
 */
class CommitPipelineGatheringTest {
  private final BlockingQueue<List<StoredOp>> appended = new LinkedBlockingQueue<>();
  private final BlockingQueue<RoomCommand> mailbox = new LinkedBlockingQueue<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final RoomStore store = (RoomStore) Proxy.newProxyInstance(RoomStore.class.getClassLoader(),
      new Class<?>[] {RoomStore.class}, (proxy, method, args) -> {
        if (method.getName().equals("append")) {
          @SuppressWarnings("unchecked")
          List<StoredOp> ops = (List<StoredOp>) args[1];
          appended.add(List.copyOf(ops));
          return new CompletableFuture<Void>(); // completed by the test, through delivered()
        }
        throw new UnsupportedOperationException(method.getName());
      });

  @AfterEach
  void stopTimer() {
    timer.shutdownNow();
  }

  @Test
  void aLoneTypistsOpsAreWrittenAtOnce() {
    CommitPipeline commits = pipeline(TimeUnit.HOURS.toNanos(1));
    StoredOp first = CommitGatheringTest.op("a", 1);
    commits.submit(first);
    assertThat(appended.poll()).containsExactly(first);
    commits.delivered(List.of(first));
    StoredOp second = CommitGatheringTest.op("a", 2);
    commits.submit(second);
    assertThat(appended.poll()).as("written without waiting for a timer").containsExactly(second);
  }

  @Test
  void aHeldWriteStartsWhenTheJustAckedClientsHaveSent() {
    CommitPipeline commits = pipeline(TimeUnit.HOURS.toNanos(1));
    List<StoredOp> first = CommitGatheringTest.batch("a", "b");
    first.forEach(commits::submit);
    assertThat(appended.poll()).containsExactly(first.getFirst());
    commits.delivered(first.subList(0, 1)); // a alone: the write of b starts at once
    assertThat(appended.poll()).containsExactly(first.get(1));

    commits.submit(CommitGatheringTest.op("a", 3));
    commits.delivered(first.subList(1, 2)); // b alone, a waiting: no hold
    assertThat(appended.poll()).hasSize(1);

    List<StoredOp> both = CommitGatheringTest.batch("a", "b");
    commits.delivered(both); // a and b acked: held for both
    StoredOp fromA = CommitGatheringTest.op("a", 4);
    StoredOp fromB = CommitGatheringTest.op("b", 5);
    commits.submit(fromA);
    assertThat(appended).as("held for b").isEmpty();
    commits.submit(fromB);
    assertThat(appended.poll()).containsExactly(fromA, fromB);
  }

  @Test
  void aHeldWriteStartsWhenItsTimerFires() throws InterruptedException {
    CommitPipeline commits = pipeline(TimeUnit.MILLISECONDS.toNanos(20));
    commits.delivered(CommitGatheringTest.batch("a", "b", "c", "d"));
    StoredOp fromA = CommitGatheringTest.op("a", 5);
    commits.submit(fromA);
    assertThat(appended).isEmpty();
    RoomCommand fired = mailbox.poll(30, TimeUnit.SECONDS);
    assertThat(fired).isInstanceOf(RoomCommand.GatherDeadline.class);
    commits.deadline((RoomCommand.GatherDeadline) fired);
    assertThat(appended.poll()).containsExactly(fromA);
  }

  @Test
  void theTimerOfAnEarlierHoldDoesNotEndTheCurrentOne() {
    CommitPipeline commits = pipeline(TimeUnit.HOURS.toNanos(1));
    commits.delivered(CommitGatheringTest.batch("a", "b"));
    commits.submit(CommitGatheringTest.op("a", 3));
    commits.submit(CommitGatheringTest.op("b", 4));
    List<StoredOp> written = appended.poll();
    assertThat(written).hasSize(2);

    commits.delivered(written); // hold 2, for a and b again
    StoredOp fromA = CommitGatheringTest.op("a", 5);
    commits.submit(fromA);
    commits.deadline(new RoomCommand.GatherDeadline(1)); // hold 1's timer, late
    assertThat(appended).isEmpty();
    commits.deadline(new RoomCommand.GatherDeadline(2));
    assertThat(appended.poll()).containsExactly(fromA);
  }

  @Test
  void withoutABoundNothingIsHeld() {
    CommitPipeline commits = pipeline(0);
    commits.delivered(CommitGatheringTest.batch("a", "b", "c"));
    StoredOp fromA = CommitGatheringTest.op("a", 4);
    commits.submit(fromA);
    assertThat(appended.poll()).containsExactly(fromA);
  }

  private CommitPipeline pipeline(long maxGatherNanos) {
    return new CommitPipeline("room", store, mailbox::add, timer, maxGatherNanos);
  }
}
