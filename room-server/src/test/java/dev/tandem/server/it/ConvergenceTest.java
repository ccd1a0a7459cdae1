package dev.tandem.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.server.RoomServer;
import dev.tandem.server.room.RoomCreator.NewRoom;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two clients type, delete and format at the same time over real sockets; their ops cross (stale
 * bases), and both must end with the server's document. Seeded: a failure prints the seed, and
 * {@code -Dtandem.seed=N} replays it (the interleaving of socket deliveries still varies).
 */
class ConvergenceTest {
  static final int EDITS_PER_CLIENT = 150;

  @TempDir static Path data;
  static RoomServer server;

  @BeforeAll
  static void start() {
    server = RunningServer.start(data);
  }

  @AfterAll
  static void stop() {
    RunningServer.stop(server);
  }

  @Test
  void twoClientsEditingConcurrentlyConvergeOnTheServersDocument() {
    long seed = Long.getLong("tandem.seed", System.nanoTime());
    try {
      runWith(new Random(seed));
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError("convergence failed with -Dtandem.seed=" + seed + ": " + e.getMessage(), e);
    }
  }

  private void runWith(Random random) {
    NewRoom room = server.createRoom();
    try (TestClient sa = TestClient.connect(server.port(), room.id());
         TestClient sb = TestClient.connect(server.port(), room.id())) {
      // a takes its acks in the shared ops frame, b as separate ack frames: both modes in one room.
      MiniOtClient a = new MiniOtClient(sa, sa.hello(room.id(), room.editKey(), OptionalLong.empty(), true), true);
      MiniOtClient b = new MiniOtClient(sb, sb.hello(room.id(), room.editKey()));
      List<MiniOtClient> clients = List.of(a, b);
      // Both edit before either hears from the server, so the op committed second has a stale
      // base whatever the timing: at least one crossing is guaranteed, random ones follow.
      for (MiniOtClient c : clients) {
        c.edit(randomEdit(random, c.document, c.socket.clientId));
      }
      int[] edits = {1, 1};
      boolean sawStaleBase = false;
      while (edits[0] < EDITS_PER_CLIENT || edits[1] < EDITS_PER_CLIENT) {
        int i = random.nextInt(2);
        MiniOtClient c = clients.get(i);
        if (edits[i] < EDITS_PER_CLIENT && random.nextInt(3) > 0) {
          c.edit(randomEdit(random, c.document, c.socket.clientId));
          edits[i]++;
        }
        ServerMessage m;
        while ((m = c.socket.poll()) != null) {
          sawStaleBase |= m instanceof ServerMessage.Ops && !c.idle();
          c.receive(m);
        }
      }
      // Let every buffered edit go out and be acked; only then is the number of ops final.
      // (Ops arriving here while an op is in flight crossed it too: a faster server leaves the
      // typing loop above fewer chances to see that.)
      for (MiniOtClient c : clients) {
        while (!c.idle()) {
          ServerMessage m = c.socket.next();
          sawStaleBase |= m instanceof ServerMessage.Ops;
          c.receive(m);
        }
      }
      long total = a.sent + b.sent;
      for (MiniOtClient c : clients) {
        while (c.rev < total) {
          c.receive(c.socket.next());
        }
      }
      Delta server = CommitRulesTestSnapshot.of(room, ConvergenceTest.server);
      assertThat(a.document.plainText()).as("a's text equals b's").isEqualTo(b.document.plainText());
      assertThat(a.document).as("a's document equals b's").isEqualTo(b.document);
      assertThat(a.document.plainText()).as("a's text equals the server's").isEqualTo(server.plainText());
      assertThat(a.document).isEqualTo(server);
      assertThat(b.document).isEqualTo(server);
      assertThat(sawStaleBase).as("ops crossed at least once (a stale base was transformed)").isTrue();
    }
  }

  /** Insert, delete or bold somewhere before the final newline. */
  private static Delta randomEdit(Random random, Delta document, String author) {
    int length = document.length() - 1; // editable text, without the final newline
    int kind = length == 0 ? 0 : random.nextInt(Integer.getInteger("tandem.kinds", 4));
    int at = random.nextInt(length + 1);
    return switch (kind) {
      case 0, 1 -> Edits.insert(at, "abcdefgh".substring(random.nextInt(8)), author);
      case 2 -> at == length ? Edits.insert(at, "z", author) : Edits.delete(at, 1 + random.nextInt(Math.min(3, length - at)));
      default -> at == length ? Edits.insert(at, "y", author) : Edits.bold(at, 1 + random.nextInt(length - at));
    };
  }
}
