package dev.tandem.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.protocol.DeltaJson;
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
 * A database written by a server with schema version 1 (snapshots as JSON text) still opens: it is
 * migrated to version 2 (compact snapshots) in place, and every room reads back as before.
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
      KeyHashes keys = KeyHashes.ofKeys("e", "v", "a");
      for (String room : List.of("good", "damaged")) {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO rooms VALUES (?, ?, ?, ?, 0)")) {
          p.setString(1, room);
          p.setString(2, keys.editHash());
          p.setString(3, keys.viewHash());
          p.setString(4, keys.adminHash());
          p.executeUpdate();
        }
      }
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
      // The migrated store works as a version 2 store.
      store.saveSnapshot("good", 3, DOCUMENT.compose(op3)).get(30, TimeUnit.SECONDS);
    }
    try (SqliteRoomStore reopened = SqliteRoomStore.open(dataDirectory)) {
      assertThat(reopened.latestSnapshot("good")).contains(new Snapshot(3, DOCUMENT.compose(op3)));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
         Statement s = c.createStatement()) {
      assertThat(single(s, "SELECT version FROM schema_version")).isEqualTo("2");
      assertThat(single(s, "SELECT count(*) FROM schema_version")).isEqualTo("1");
      assertThat(single(s, "SELECT group_concat(DISTINCT typeof(document)) FROM snapshots")).isEqualTo("blob");
    }
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

  private static String single(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
