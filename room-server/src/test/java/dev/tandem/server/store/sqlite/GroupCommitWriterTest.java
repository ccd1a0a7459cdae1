package dev.tandem.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.server.store.CommitListener;
import dev.tandem.server.store.StorageFailedException;
import dev.tandem.server.store.UnknownRoomException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's failure path, which the public API cannot provoke on a healthy disk. */
class GroupCommitWriterTest {

  @TempDir Path dir;

  private static PendingWrite insert(int value) {
    return new PendingWrite("insert " + value, 1, w -> {
      try (Statement s = w.connection().createStatement()) {
        s.executeUpdate("INSERT INTO t (v) VALUES (" + value + ")");
      }
    });
  }

  /** A writer connection on a new database {@code file} holding one table {@code t (v)}. */
  private static Connection writerOnTableT(Path file) throws SQLException {
    Connection connection = SqliteSchema.openWriter(file);
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE t (v INTEGER NOT NULL)");
    }
    connection.commit();
    return connection;
  }

  private static PendingWrite brokenSql() {
    return new PendingWrite("broken", 0, c -> {
      throw new SQLException("disk on fire");
    });
  }

  @Test
  void aFailingTransactionFailsEveryWriteInItAndTheWriterCarriesOn() throws Exception {
    Path file = dir.resolve("w.db");
    Connection connection = writerOnTableT(file);

    WriterGate gate = WriterGate.atFirstCommit();
    try (GroupCommitWriter writer =
        new GroupCommitWriter(connection, 100, 100, gate, "test-writer")) {
      writer.submit(insert(1)).get(30, TimeUnit.SECONDS);
      assertThat(gate.entered.await(30, TimeUnit.SECONDS)).isTrue();

      CompletableFuture<Void> good = writer.submit(insert(2));
      CompletableFuture<Void> broken = writer.submit(brokenSql());
      gate.release.countDown();

      for (CompletableFuture<Void> f : List.of(good, broken)) {
        assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(StorageFailedException.class);
      }
      assertThat(writer.stats().failedCommits()).isEqualTo(1);

      writer.submit(insert(3)).get(30, TimeUnit.SECONDS);
      assertThat(writer.stats().commits()).isEqualTo(2);
    }
    try (Connection check = SqliteSchema.openReader(file);
        Statement s = check.createStatement();
        ResultSet rs = s.executeQuery("SELECT group_concat(v) FROM (SELECT v FROM t ORDER BY v)")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("1,3"); // 2 was rolled back with its transaction
    }
  }

  @Test
  void aRefusedWriteFailsAloneAndOneThatRefusesAfterChangingARowFailsItsTransaction() throws Exception {
    Path file = dir.resolve("r.db");
    Connection connection = writerOnTableT(file);
    PendingWrite refusesFirst = new PendingWrite("refuses before writing", 0, w -> {
      throw new UnknownRoomException("nowhere");
    });
    PendingWrite refusesAfterWriting = new PendingWrite("refuses after writing", 1, w -> {
      try (Statement s = w.connection().createStatement()) {
        s.executeUpdate("INSERT INTO t (v) VALUES (99)");
      }
      throw new UnknownRoomException("too late");
    });
    WriterGate gate = WriterGate.atFirstCommit();
    try (GroupCommitWriter writer = new GroupCommitWriter(connection, 100, 100, gate, "test-writer")) {
      writer.submit(insert(1)).get(30, TimeUnit.SECONDS);
      assertThat(gate.entered.await(30, TimeUnit.SECONDS)).isTrue();
      // One transaction: 2, a refusal before writing, 3.
      CompletableFuture<Void> two = writer.submit(insert(2));
      CompletableFuture<Void> refused = writer.submit(refusesFirst);
      CompletableFuture<Void> three = writer.submit(insert(3));
      gate.release.countDown();
      two.get(30, TimeUnit.SECONDS);
      three.get(30, TimeUnit.SECONDS);
      assertThatThrownBy(() -> refused.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(UnknownRoomException.class);

      // A write that changed a row and then refused cannot be undone alone: its whole transaction fails.
      CompletableFuture<Void> late = writer.submit(refusesAfterWriting);
      assertThatThrownBy(() -> late.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(StorageFailedException.class);
      writer.submit(insert(4)).get(30, TimeUnit.SECONDS);
    }
    try (Connection check = SqliteSchema.openReader(file);
        Statement s = check.createStatement();
        ResultSet rs = s.executeQuery("SELECT group_concat(v) FROM (SELECT v FROM t ORDER BY v)")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("1,2,3,4");
    }
  }

  @Test
  void closingFinishesQueuedWritesAndThenRefusesNewOnes() throws Exception {
    Connection connection = SqliteSchema.openWriter(dir.resolve("c.db"));
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE t (v INTEGER NOT NULL)");
    }
    connection.commit();
    GroupCommitWriter writer =
        new GroupCommitWriter(connection, 100, 100, CommitListener.NONE, "test-writer");
    CompletableFuture<Void> queued = writer.submit(insert(1));
    writer.close();
    assertThat(queued).isCompleted();
    assertThat(queued.isCompletedExceptionally()).isFalse();
    assertThatThrownBy(() -> writer.submit(insert(2)).get(30, TimeUnit.SECONDS))
        .hasCauseInstanceOf(StorageFailedException.class);
  }
}
