package dev.tandem.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.MessageCodec;
import dev.tandem.protocol.Role;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.CommittedOp;
import dev.tandem.protocol.Values.User;
import dev.tandem.server.store.StoredOp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The pre-encoded fan-out sends every participant exactly the frames the one-message-at-a-time
 * rule gives: others' ops in {@code ops} frames, own ops as acks, in revision order; or, to a
 * participant that asked for acks in ops, the whole batch in one frame shared by all of them.
 */
class BroadcastTest {

  /** Records the frames queued on it and its flushes. */
  private static final class Nowhere implements ClientConnection {
    final List<String> log = new ArrayList<>();

    @Override public boolean send(ServerMessage message) {
      throw new AssertionError("frames only");
    }

    @Override public void flush() {
      log.add(FLUSH);
    }

    @Override public void close(ErrorCode code, String message) {}
  }

  private static final String FLUSH = "<flush>";

  /** The reference: what Broadcast did before it pre-encoded, message by message. */
  private static List<String> expected(List<StoredOp> batch, String clientId, boolean acksInOps) {
    List<String> frames = new ArrayList<>();
    if (acksInOps) {
      // The whole batch, own ops included, in one frame: the client takes its own as acks.
      frames.add(MessageCodec.encode(new ServerMessage.Ops(batch.stream()
          .map(op -> new CommittedOp(op.rev(), op.clientId(), op.seq(), op.delta())).toList())));
      frames.add(FLUSH);
      return frames;
    }
    List<CommittedOp> others = new ArrayList<>();
    for (StoredOp op : batch) {
      if (op.clientId().equals(clientId)) {
        if (!others.isEmpty()) {
          frames.add(MessageCodec.encode(new ServerMessage.Ops(others)));
          others = new ArrayList<>();
        }
        frames.add(MessageCodec.encode(new ServerMessage.Ack(op.seq(), op.rev())));
      } else {
        others.add(new CommittedOp(op.rev(), op.clientId(), op.seq(), op.delta()));
      }
    }
    if (!others.isEmpty()) {
      frames.add(MessageCodec.encode(new ServerMessage.Ops(others)));
    }
    frames.add(FLUSH); // one write for all of them
    return frames;
  }

  @Test
  void everyParticipantGetsTheFramesOfTheReferenceRule() {
    Random random = new Random(11);
    List<OutboundFrame> sharedFrames = new ArrayList<>();
    for (int round = 0; round < 300; round++) {
      int clients = 1 + random.nextInt(6);
      List<Participant> participants = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        participants.add(new Participant(new Nowhere(), "client-" + c, new User("U" + c, "#000000"), Role.EDIT,
            random.nextBoolean()));
      }
      List<StoredOp> batch = new ArrayList<>();
      long rev = 1 + random.nextInt(1000);
      int n = 1 + random.nextInt(12);
      for (int i = 0; i < n; i++) {
        // Sometimes an op of a client no longer in the room.
        String author = "client-" + random.nextInt(clients + 1);
        Delta delta = Delta.builder().retain(random.nextInt(5) + 1)
            .insert(i % 3 == 0 ? "x\"" + i : "é😀中" + i, Attributes.of("author", author)).build();
        batch.add(new StoredOp(rev + i, author, 1 + i, delta, "U", Instant.EPOCH));
      }
      Broadcast.committed((connection, frame, last) -> {
        assertThat(frame.utf8()).as(frame.text()).isEqualTo(frame.text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ((Nowhere) connection).log.add(frame.text());
        if (last) {
          connection.flush(); // what sendLast does after the frame
        }
        if (participants.stream().anyMatch(p -> p.connection == connection && p.acksInOps)) {
          sharedFrames.add(frame);
        }
      }, batch, participants);
      for (Participant p : participants) {
        assertThat(((Nowhere) p.connection).log).as(p.clientId).isEqualTo(expected(batch, p.clientId, p.acksInOps));
      }
      // Every participant that takes acks in ops shares one frame object: encoded once per batch.
      assertThat(sharedFrames.stream().distinct().count()).isLessThanOrEqualTo(1);
      sharedFrames.clear();
    }
  }
}
