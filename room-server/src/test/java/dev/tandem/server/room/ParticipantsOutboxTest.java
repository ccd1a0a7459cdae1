package dev.tandem.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.Role;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.User;
import dev.tandem.server.store.StoredOp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The room's outbox ({@link Participants}): every connection gets what the room sent it in the
 * order the room's thread asked — messages, broadcasts and the close — and the room's thread never
 * waits for a connection.
 */
class ParticipantsOutboxTest {
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  /** Records, in order, what reaches it; optionally waits on a gate at its first frame. */
  private static final class Recording implements ClientConnection {
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch gate;
    final CountDownLatch closed = new CountDownLatch(1);

    Recording(CountDownLatch gate) {
      this.gate = gate;
    }

    private void await() {
      try {
        gate.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override public boolean send(ServerMessage message) {
      await();
      log.add("send " + ((ServerMessage.Error) message).message());
      return true;
    }

    @Override public boolean sendHeld(OutboundFrame frame) {
      await();
      log.add(frame.text().contains("\"rev\":") ? "ops" : "?");
      return true;
    }

    @Override public void flush() {
      log.add("flush");
    }

    @Override public void close(ErrorCode code, String message) {
      log.add("close " + message);
      closed.countDown();
    }
  }

  private static List<StoredOp> batch(long rev) {
    return List.of(new StoredOp(rev, "other", rev, Delta.builder().insert("x" + rev, Attributes.of("author", "other")).build(),
        "Other", Instant.EPOCH));
  }

  private static Participant participant(ClientConnection c, String clientId) {
    return new Participant(c, clientId, new User(clientId, "#123456"), Role.EDIT, true);
  }

  @Test
  void eachConnectionGetsItsFramesInTheOrderTheRoomSentThem() {
    long base = System.nanoTime();
    System.out.println("ParticipantsOutboxTest seeds " + base + " .. " + (base + 49));
    for (long seed = base; seed < base + 50; seed++) {
      java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
      AtomicInteger sent = new AtomicInteger();
      Participants participants = new Participants("room", new RoomObserver() {
        @Override public void sent(String roomId) {
          sent.incrementAndGet();
        }
      }, executor);
      List<Recording> connections = new ArrayList<>();
      List<List<String>> expected = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Recording c = new Recording(new CountDownLatch(0));
        connections.add(c);
        expected.add(new ArrayList<>());
        participants.add(participant(c, "c" + i));
      }
      int frames = 0;
      for (int step = 0; step < 40; step++) {
        int pick = r.nextInt(3);
        if (r.nextBoolean()) {
          participants.send(connections.get(pick), ServerMessage.Error.of(ErrorCode.BAD_FRAME, "m" + step));
          expected.get(pick).add("send m" + step);
          frames++;
        } else {
          participants.broadcast(batch(step + 1));
          for (List<String> e : expected) {
            e.add("ops");
            e.add("flush");
          }
          frames += 3;
        }
      }
      for (int i = 0; i < 3; i++) {
        participants.close(connections.get(i), ErrorCode.REMOVED, "bye");
        expected.get(i).add("close bye");
      }
      for (int i = 0; i < 3; i++) {
        Recording c = connections.get(i);
        try {
          assertThat(c.closed.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
        assertThat(c.log).as("seed %d, connection %d", seed, i).isEqualTo(expected.get(i));
      }
      assertThat(sent.get()).as("seed %d", seed).isEqualTo(frames);
    }
  }

  @Test
  void theRoomsThreadDoesNotWaitForAConnectionThatIsStuck() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    Recording stuck = new Recording(gate);
    Participants participants = new Participants("room", new RoomObserver() {}, executor);
    participants.add(participant(stuck, "stuck"));
    // All of these return while the connection is still stuck at its first frame.
    participants.broadcast(batch(1));
    participants.send(stuck, ServerMessage.Error.of(ErrorCode.BAD_FRAME, "after"));
    participants.close(stuck, ErrorCode.REMOVED, "bye");
    assertThat(stuck.log).isEmpty();
    gate.countDown();
    assertThat(stuck.closed.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(stuck.log).containsExactly("ops", "flush", "send after", "close bye");
  }
}
