package dev.tandem.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.protocol.DeltaJson;
import dev.tandem.server.store.ClientSeq;
import dev.tandem.server.store.DuplicateOpException;
import dev.tandem.server.store.KeyHashes;
import dev.tandem.server.store.Snapshot;
import dev.tandem.server.store.StoredOp;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Databases written by servers with older schema versions still open: version 1 (snapshots as
 * JSON text) and version 2 (a (room, client_id, seq) index on ops) are migrated in place to the
 * current version, and every room reads back as before.
 */
class SchemaMigrationTest {
  @TempDir Path dataDirectory;

  /** Version 1's layout as it shipped (not taken from SqliteSchema, which moves on). */
  private static final String[] VERSION_1 = {
    "CREATE TABLE schema_version (version INTEGER NOT NULL)",
    "INSERT INTO schema_version (version) VALUES (1)",
    "CREATE TABLE rooms (id TEXT NOT NULL PRIMARY KEY, edit_key_hash TEXT NOT NULL,"
        + " view_key_hash TEXT NOT NULL, admin_key_hash TEXT NOT NULL, created_nanos INTEGER NOT NULL)",
    "CREATE TABLE ops (room TEXT NOT NULL REFERENCES rooms(id), rev INTEGER NOT NULL,"
        + " client_id TEXT NOT NULL, seq INTEGER NOT NULL, delta TEXT NOT NULL, author TEXT NOT NULL,"
        + " time_nanos INTEGER NOT NULL, PRIMARY KEY (room, rev), UNIQUE (room, client_id, seq)) WITHOUT ROWID",
    "CREATE TABLE snapshots (room TEXT NOT NULL REFERENCES rooms(id), rev INTEGER NOT NULL,"
        + " document TEXT NOT NULL, PRIMARY KEY (room, rev)) WITHOUT ROWID",
    "CREATE TABLE chat (position INTEGER PRIMARY KEY, room TEXT NOT NULL REFERENCES rooms(id),"
        + " id TEXT NOT NULL, client_id TEXT NOT NULL, user_name TEXT NOT NULL, user_color TEXT NOT NULL,"
        + " text TEXT NOT NULL, time_nanos INTEGER NOT NULL, UNIQUE (room, id))",
    "CREATE INDEX chat_by_room ON chat (room, position)",
  };

  /** Version 2's layout as it shipped: version 1's with compact snapshots. */
  private static final String[] VERSION_2 = {
    VERSION_1[0],
    "INSERT INTO schema_version (version) VALUES (2)",
    VERSION_1[2],
    VERSION_1[3],
    "CREATE TABLE snapshots (room TEXT NOT NULL REFERENCES rooms(id), rev INTEGER NOT NULL,"
        + " document BLOB NOT NULL, PRIMARY KEY (room, rev)) WITHOUT ROWID",
    VERSION_1[5],
    VERSION_1[6],
  };

  private static final Delta DOCUMENT = Delta.builder()
      .insert("Hello ", Attributes.of("author", "c1"))
      .insert("wörld 😀", Attributes.of("author", "c2", "bold", true))
      .insert("\n", Attributes.of("header", 2L))
      .build();

  @Test
  void aVersion1DatabaseOpensWithItsSnapshotsConvertedAndNothingLost() throws Exception {
    Path file = dataDirectory.resolve(SqliteRoomStore.FILE_NAME);
    Delta op3 = Delta.builder().retain(6).insert("big ", Attributes.of("author", "c1")).build();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
         Statement s = c.createStatement()) {
      for (String sql : VERSION_1) {
        s.execute(sql);
      }
      insertRooms(c, "good", "damaged");
      try (PreparedStatement p = c.prepareStatement("INSERT INTO ops VALUES ('good', 3, 'c1', 3, ?, 'Ann', 0)")) {
        p.setString(1, DeltaJson.write(op3));
        p.executeUpdate();
      }
      try (PreparedStatement p = c.prepareStatement("INSERT INTO snapshots VALUES (?, 2, ?)")) {
        p.setString(1, "good");
        p.setString(2, DeltaJson.write(DOCUMENT));
        p.executeUpdate();
        p.setString(1, "damaged");
        p.setString(2, "{\"ops\":[{\"insert\":");
        p.executeUpdate();
      }
    }

    try (SqliteRoomStore store = SqliteRoomStore.open(dataDirectory)) {
      assertThat(store.latestSnapshot("good")).contains(new Snapshot(2, DOCUMENT));
      assertThat(store.ops("good", 2, 3)).extracting(StoredOp::delta).containsExactly(op3);
      // An unreadable snapshot is dropped, not fatal: the room is there and loads from its ops.
      assertThat(store.latestSnapshot("damaged")).isEmpty();
      assertThat(store.findRoom("damaged")).isPresent();
      // The migrated store works as a current store.
      store.saveSnapshot("good", 3, DOCUMENT.compose(op3)).get(30, TimeUnit.SECONDS);
    }
    try (SqliteRoomStore reopened = SqliteRoomStore.open(dataDirectory)) {
      assertThat(reopened.latestSnapshot("good")).contains(new Snapshot(3, DOCUMENT.compose(op3)));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
         Statement s = c.createStatement()) {
      assertThat(single(s, "SELECT version FROM schema_version")).isEqualTo(String.valueOf(SqliteSchema.CURRENT_VERSION));
      assertThat(single(s, "SELECT count(*) FROM schema_version")).isEqualTo("1");
      assertThat(single(s, "SELECT group_concat(DISTINCT typeof(document)) FROM snapshots")).isEqualTo("blob");
    }
  }

  @Test
  void aVersion2DatabaseKeepsEveryOpAndLearnsEachClientsLastSeq() throws Exception {
    Path file = dataDirectory.resolve(SqliteRoomStore.FILE_NAME);
    // room "r": a (seqs 1, 2, 7), b (seqs 1, 2) interleaved; room "q": a (seq 40)
    String[][] ops = {{"r", "1", "a", "1"}, {"r", "2", "b", "1"}, {"r", "3", "a", "2"},
        {"r", "4", "b", "2"}, {"r", "5", "a", "7"}, {"q", "1", "a", "40"}};
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
         Statement s = c.createStatement()) {
      for (String sql : VERSION_2) {
        s.execute(sql);
      }
      insertRooms(c, "r", "q");
      try (PreparedStatement p = c.prepareStatement("INSERT INTO ops VALUES (?, ?, ?, ?, ?, 'Ann', 0)")) {
        // then, in room "q", client c commits 200 ops (seqs 1000, 1003, …) between d's ops
        List<String[]> all = new java.util.ArrayList<>(List.of(ops));
        for (int i = 0; i < 400; i++) {
          all.add(new String[] {"q", String.valueOf(2 + i), i % 2 == 0 ? "c" : "d", String.valueOf(i % 2 == 0 ? 1000 + 3 * (i / 2) : i)});
        }
        for (String[] op : all) {
          p.setString(1, op[0]);
          p.setLong(2, Long.parseLong(op[1]));
          p.setString(3, op[2]);
          p.setLong(4, Long.parseLong(op[3]));
          p.setString(5, DeltaJson.write(Delta.builder().insert("x" + op[1]).build()));
          p.executeUpdate();
        }
      }
    }

    try (SqliteRoomStore store = SqliteRoomStore.open(dataDirectory)) {
      assertThat(store.headRevision("r")).isEqualTo(5);
      assertThat(store.ops("r", 0, 5)).extracting(StoredOp::clientId).containsExactly("a", "b", "a", "b", "a");
      assertThat(store.lastCommitted("r", "a")).contains(new ClientSeq(7, 5));
      assertThat(store.lastCommitted("r", "b")).contains(new ClientSeq(2, 4));
      assertThat(store.lastCommitted("q", "a")).contains(new ClientSeq(40, 1));
      assertThat(store.committedRevision("r", "a", 2)).hasValue(3);
      assertThat(store.committedRevision("r", "a", 5)).isEmpty();
      // c's older ops are found through the marks and chain the migration built
      assertThat(store.lastCommitted("q", "c")).contains(new ClientSeq(1000 + 3 * 199, 2 + 398));
      for (int k = 0; k < 200; k++) {
        assertThat(store.committedRevision("q", "c", 1000 + 3 * k)).as("c op %d", k).hasValue(2 + 2 * k);
        assertThat(store.committedRevision("q", "c", 1001 + 3 * k)).isEmpty();
      }
      // Idempotence holds across the migration: a resend is a duplicate, a new seq commits.
      assertThatThrownBy(() -> store.append("r", List.of(op(6, "a", 7))).get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(DuplicateOpException.class);
      store.append("r", List.of(op(6, "a", 8))).get(30, TimeUnit.SECONDS);
      assertThat(store.lastCommitted("r", "a")).contains(new ClientSeq(8, 6));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
         Statement s = c.createStatement()) {
      assertThat(single(s, "SELECT version FROM schema_version")).isEqualTo(String.valueOf(SqliteSchema.CURRENT_VERSION));
      assertThat(single(s, "SELECT sql FROM sqlite_master WHERE name = 'ops'")).doesNotContain("UNIQUE");
      assertThat(single(s, "SELECT count(*) FROM sqlite_master WHERE tbl_name = 'ops' AND type = 'index'"))
          .isEqualTo("0");
      // c's 1st, 65th, 129th and 193rd ops are marked; d's 1st, 65th, 129th, 193rd; a's and b's 1st
      assertThat(single(s, "SELECT count(*) FROM client_marks")).isEqualTo(String.valueOf(4 + 4 + 3));
      assertThat(single(s, "SELECT count(*) FROM ops WHERE prev_rev IS NULL")).isEqualTo(String.valueOf(5));
    }
  }

  private static StoredOp op(long rev, String clientId, long seq) {
    return new StoredOp(rev, clientId, seq, Delta.builder().insert("y").build(), clientId, Instant.EPOCH);
  }

  @Test
  void aNewDatabaseIsCreatedAtTheCurrentVersionWithoutAMigration() throws Exception {
    try (SqliteRoomStore store = SqliteRoomStore.open(dataDirectory)) {
      assertThat(store.findRoom("none")).isEmpty();
    }
    Path file = dataDirectory.resolve(SqliteRoomStore.FILE_NAME);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
         Statement s = c.createStatement()) {
      assertThat(single(s, "SELECT version FROM schema_version")).isEqualTo(String.valueOf(SqliteSchema.CURRENT_VERSION));
      assertThat(single(s, "SELECT count(*) FROM schema_version")).isEqualTo("1");
      // Created as version 2's table, not renamed from a migration's snapshots_v2.
      assertThat(single(s, "SELECT sql FROM sqlite_master WHERE name = 'snapshots'"))
          .contains("CREATE TABLE snapshots (").contains("BLOB");
    }
  }

  /** Rooms as every schema version stores them (keys "e", "v", "a"). */
  private static void insertRooms(Connection c, String... rooms) throws Exception {
    KeyHashes keys = KeyHashes.ofKeys("e", "v", "a");
    try (PreparedStatement p = c.prepareStatement("INSERT INTO rooms VALUES (?, ?, ?, ?, 0)")) {
      for (String room : rooms) {
        p.setString(1, room);
        p.setString(2, keys.editHash());
        p.setString(3, keys.viewHash());
        p.setString(4, keys.adminHash());
        p.executeUpdate();
      }
    }
  }

  private static String single(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
