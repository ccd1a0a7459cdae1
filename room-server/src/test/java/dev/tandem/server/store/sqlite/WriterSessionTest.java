package dev.tandem.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.ot.Delta;
import dev.tandem.server.store.DuplicateOpException;
import dev.tandem.server.store.KeyHashes;
import dev.tandem.server.store.RevisionConflictException;
import dev.tandem.server.store.RoomRecord;
import dev.tandem.server.store.StorageFailedException;
import dev.tandem.server.store.StoredOp;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's remembered heads and cached statements stay true across refusals and failures. */
class WriterSessionTest {

  @TempDir Path dir;

  private static StoredOp op(long rev, String client, long seq) {
    return new StoredOp(rev, client, seq, Delta.builder().insert("x").build(), "A", Instant.EPOCH);
  }

  private static void await(CompletableFuture<Void> f) throws Exception {
    f.get(30, TimeUnit.SECONDS);
  }

  private static int rows(Path file) throws SQLException {
    try (Connection c = SqliteSchema.openReader(file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM ops")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void anAppendRolledBackWithItsTransactionDoesNotAdvanceTheRememberedHead() throws Exception {
    Path file = dir.resolve("h.db");
    Connection connection = SqliteSchema.openWriter(file);
    SqliteSchema.createOrCheck(connection);
    WriterGate gate = WriterGate.atFirstCommit();
    try (GroupCommitWriter writer = new GroupCommitWriter(connection, 100, 100, gate, "test-writer")) {
      await(writer.submit(SqliteWrites.createRoom(
          new RoomRecord("r1", KeyHashes.ofKeys("e", "v", "a"), Instant.EPOCH))));
      assertThat(gate.entered.await(30, TimeUnit.SECONDS)).isTrue();
      // One transaction: a good append (head 1 → 2 remembered as staged) and a broken write.
      CompletableFuture<Void> good = writer.submit(SqliteWrites.append("r1", List.of(op(1, "c", 1), op(2, "c", 2))));
      CompletableFuture<Void> broken = writer.submit(new PendingWrite("broken", 0, w -> {
        throw new SQLException("disk on fire");
      }));
      gate.release.countDown();
      for (CompletableFuture<Void> f : List.of(good, broken)) {
        assertThatThrownBy(() -> await(f)).isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(StorageFailedException.class);
      }
      // The head is still 0 and c has no committed seq: rev 3 is a gap, rev 1 with seq 1 fits.
      assertThatThrownBy(() -> await(writer.submit(SqliteWrites.append("r1", List.of(op(3, "c", 3))))))
          .hasCauseInstanceOf(RevisionConflictException.class);
      await(writer.submit(SqliteWrites.append("r1", List.of(op(1, "c", 1)))));
      await(writer.submit(SqliteWrites.append("r1", List.of(op(2, "c", 2)))));
      // A duplicate (clientId, seq) in the middle of a batch: refused, nothing of it stays, and
      // the head (and the cached insert statement) still work afterwards.
      assertThatThrownBy(() -> await(writer.submit(
          SqliteWrites.append("r1", List.of(op(3, "d", 1), op(4, "c", 2), op(5, "d", 2))))))
          .hasCauseInstanceOf(DuplicateOpException.class);
      assertThat(rows(file)).isEqualTo(2);
      await(writer.submit(SqliteWrites.append("r1", List.of(op(3, "d", 1), op(4, "d", 2)))));
      assertThatThrownBy(() -> await(writer.submit(SqliteWrites.append("r1", List.of(op(4, "e", 1))))))
          .hasCauseInstanceOf(RevisionConflictException.class);
      await(writer.submit(SqliteWrites.append("r1", List.of(op(5, "e", 1)))));
      assertThat(rows(file)).isEqualTo(5);
    }
  }
}
