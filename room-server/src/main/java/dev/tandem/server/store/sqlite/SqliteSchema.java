package dev.tandem.server.store.sqlite;

import dev.tandem.server.store.StorageFailedException;
import dev.tandem.protocol.DeltaJson;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The database file's layout and how connections to it are opened.
 *
 * <p>Encodings: times are INTEGER nanoseconds since the epoch (UTC), exact for 1677..2262; op
 * deltas are TEXT in Quill's JSON form ({@code DeltaJson}); snapshot documents are BLOBs in the
 * compact {@link SnapshotCodec} form (version 2; version 1 stored them as JSON TEXT); key hashes
 * are TEXT, 64 lowercase hex characters.
 *
 * <p>Versioning: {@code schema_version} holds one row. A new file is created at
 * {@link #CURRENT_VERSION} directly; an older one is migrated step by step, in the writer's
 * transaction (all or nothing); a newer one is refused (a downgrade must not write to a layout it
 * does not know).
 */
final class SqliteSchema {
  private static final Logger log = LoggerFactory.getLogger(SqliteSchema.class);

  static final int CURRENT_VERSION = 3;

  /** The tables every version has, unchanged since version 1 (ops, snapshots: see below). */
  private static final String[] COMMON_TABLES = {
    """
    CREATE TABLE rooms (
      id             TEXT    NOT NULL PRIMARY KEY,
      edit_key_hash  TEXT    NOT NULL,
      view_key_hash  TEXT    NOT NULL,
      admin_key_hash TEXT    NOT NULL,
      created_nanos  INTEGER NOT NULL
    )""",
    """
    CREATE TABLE chat (
      position    INTEGER PRIMARY KEY,
      room        TEXT    NOT NULL REFERENCES rooms(id),
      id          TEXT    NOT NULL,
      client_id   TEXT    NOT NULL,
      user_name   TEXT    NOT NULL,
      user_color  TEXT    NOT NULL,
      text        TEXT    NOT NULL,
      time_nanos  INTEGER NOT NULL,
      UNIQUE (room, id)
    )""",
    "CREATE INDEX chat_by_room ON chat (room, position)",
  };

  /**
   * Version 3's ops: one row per op, keyed by (room, rev) only. Versions 1 and 2 also had a UNIQUE
   * (room, client_id, seq) index: every transaction then wrote one leaf page of that index per
   * client in it (a client's entries sit together, apart from other clients'), which was most of
   * the writer's page writes. {@code prev_rev} chains each client's ops: the rev of the same
   * client's previous op in the room (null for its first). Idempotence comes from
   * {@link #CLIENT_SEQS}; an older (clientId, seq) is found through {@link #CLIENT_MARKS} and the
   * chain (see {@code SqliteWrites.findOp}).
   */
  private static String opsTable(String name) {
    return """
        CREATE TABLE %s (
          room        TEXT    NOT NULL REFERENCES rooms(id),
          rev         INTEGER NOT NULL,
          client_id   TEXT    NOT NULL,
          seq         INTEGER NOT NULL,
          delta       TEXT    NOT NULL,
          author      TEXT    NOT NULL,
          time_nanos  INTEGER NOT NULL,
          prev_rev    INTEGER,
          PRIMARY KEY (room, rev)
        ) WITHOUT ROWID""".formatted(name);
  }

  /**
   * Version 3: each client's highest committed seq in a room, its rev, and how many ops the client
   * committed there, kept in the transaction that commits the op. A room's rows sit together, so
   * a transaction of one room touches one or two pages of it however many clients take part. Seqs
   * strictly increase per client (with rev), so this row alone decides whether an op is new.
   */
  private static final String CLIENT_SEQS = """
      CREATE TABLE client_seqs (
        room       TEXT    NOT NULL REFERENCES rooms(id),
        client_id  TEXT    NOT NULL,
        seq        INTEGER NOT NULL,
        rev        INTEGER NOT NULL,
        ops        INTEGER NOT NULL,
        PRIMARY KEY (room, client_id)
      ) WITHOUT ROWID""";

  /** Which of a client's ops are marked in {@link #CLIENT_MARKS}: its 1st, 65th, 129th … */
  static final int MARK_EVERY = 64;

  /**
   * Version 3: every {@link #MARK_EVERY}th op of each client in a room (its 1st, 65th, …), by
   * seq. An older (clientId, seq) is found from the first mark above it (or the client's last op)
   * by following {@code prev_rev} back at most {@link #MARK_EVERY} ops: an index seek plus a
   * bounded walk, while the index pages written are 1/{@value #MARK_EVERY} of version 2's.
   */
  private static final String CLIENT_MARKS = """
      CREATE TABLE client_marks (
        room       TEXT    NOT NULL REFERENCES rooms(id),
        client_id  TEXT    NOT NULL,
        seq        INTEGER NOT NULL,
        rev        INTEGER NOT NULL,
        PRIMARY KEY (room, client_id, seq)
      ) WITHOUT ROWID""";

  /** Version 2's snapshots: compact {@link SnapshotCodec} BLOBs (version 1 had JSON TEXT). */
  private static String snapshotsTable(String name) {
    return """
        CREATE TABLE %s (
          room      TEXT    NOT NULL REFERENCES rooms(id),
          rev       INTEGER NOT NULL,
          document  BLOB    NOT NULL,
          PRIMARY KEY (room, rev)
        ) WITHOUT ROWID""".formatted(name);
  }

  private SqliteSchema() {}

  /**
   * The writer's connection: WAL, synchronous=FULL (a commit is on disk, fsync'd, when it
   * returns), foreign keys on, auto-commit off (the writer commits).
   */
  static Connection openWriter(Path file) throws SQLException {
    SQLiteConfig config = common();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    // sqlite-jdbc otherwise runs a regex over every INSERT and prepares, steps and finalizes a
    // fresh "SELECT last_insert_rowid()" after it, for getGeneratedKeys(), which we never call.
    config.setGetGeneratedKeys(false);
    // 64 MiB of page cache (default 2 MiB): the B-tree pages that thousands of rooms append to stay
    // in memory instead of being read back from the OS for every insert.
    config.setCacheSize(-64 * 1024);
    // Statement journals in memory. Writes share one group transaction (GroupCommitWriter), and a
    // statement that can fail halfway inside a transaction (a multi-row insert, and the savepoints
    // each write used to have) gets a statement journal; with the default temp_store SQLite put
    // it in a fresh temp file under /var/tmp: open, unlink, page
    // writes into a newly allocated file, close, per transaction (strace: ~80 % of transactions
    // in a one-room load; its page copies and ext4 block allocation were much of the writer's
    // kernel time). A statement journal only undoes a savepoint within a transaction; crash
    // recovery is the WAL's, so durability is unchanged. Its size is bounded by the pages one
    // write changes that existed before it.
    config.setTempStore(SQLiteConfig.TempStore.MEMORY);
    Connection connection = config.createConnection(url(file));
    connection.setAutoCommit(false);
    return connection;
  }

  /** A reader's connection: auto-commit, and refuses to write ({@code query_only}). */
  static Connection openReader(Path file) throws SQLException {
    Connection connection = common().createConnection(url(file));
    try (Statement s = connection.createStatement()) {
      s.execute("PRAGMA query_only = ON");
    }
    return connection;
  }

  private static SQLiteConfig common() {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(10_000);
    return config;
  }

  private static String url(Path file) {
    return "jdbc:sqlite:" + file.toAbsolutePath();
  }

  /** Creates or checks the layout, in the writer's transaction. */
  static void createOrCheck(Connection writer) throws SQLException {
    try (Statement s = writer.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
      int version = 0;
      try (ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
        if (rs.next()) {
          version = rs.getInt(1);
        }
      }
      if (version > CURRENT_VERSION) {
        writer.rollback();
        throw new StorageFailedException(StorageFailedException.Reason.NEWER_SCHEMA, "database schema version " + version
            + " is newer than this Tandem understands (" + CURRENT_VERSION + ")");
      }
      if (version == 0) {
        // A new file: the current layout at once, nothing to migrate.
        for (String ddl : COMMON_TABLES) {
          s.execute(ddl);
        }
        s.execute(opsTable("ops"));
        s.execute(CLIENT_SEQS);
        s.execute(CLIENT_MARKS);
        s.execute(snapshotsTable("snapshots"));
        s.execute("INSERT INTO schema_version (version) VALUES (" + CURRENT_VERSION + ")");
        version = CURRENT_VERSION;
      }
      if (version == 1) {
        migrateSnapshotsToCompact(writer);
        s.execute("UPDATE schema_version SET version = 2");
        version = 2;
      }
      if (version == 2) {
        migrateToClientSeqs(writer);
        s.execute("UPDATE schema_version SET version = 3");
      }
    }
    writer.commit();
  }

  /**
   * Version 2 → 3: {@code ops} is rebuilt without its (room, client_id, seq) index and with each
   * op's {@code prev_rev}; {@code client_seqs} and {@code client_marks} are filled from it. One
   * transaction: the WAL grows to about the size of the ops table meanwhile, and the old pages go
   * to the database's free list (reused, not returned to the file system; VACUUM returns them).
   */
  private static void migrateToClientSeqs(Connection writer) throws SQLException {
    try (Statement s = writer.createStatement()) {
      log.info("schema migration 2 → 3: rebuilding the ops table (takes about as long as copying it)");
      s.execute(opsTable("ops_v3"));
      int ops = s.executeUpdate("INSERT INTO ops_v3 (room, rev, client_id, seq, delta, author, time_nanos, prev_rev)"
          + " SELECT room, rev, client_id, seq, delta, author, time_nanos,"
          + " lag(rev) OVER (PARTITION BY room, client_id ORDER BY rev) FROM ops");
      s.execute(CLIENT_SEQS);
      // SQLite takes a bare column of a query with one max() aggregate from the row that has the max.
      int clients = s.executeUpdate("INSERT INTO client_seqs (room, client_id, seq, rev, ops)"
          + " SELECT room, client_id, max(seq), rev, count(*) FROM ops GROUP BY room, client_id");
      s.execute(CLIENT_MARKS);
      s.executeUpdate("INSERT INTO client_marks (room, client_id, seq, rev)"
          + " SELECT room, client_id, seq, rev FROM (SELECT room, client_id, seq, rev,"
          + " row_number() OVER (PARTITION BY room, client_id ORDER BY rev) AS n FROM ops)"
          + " WHERE (n - 1) % " + MARK_EVERY + " = 0");
      // Servers before Dec 4 2026 could commit a client's seqs out of order; lookups of such a
      // client's older ops may then miss (they are answered "not committed", never committed twice).
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM client_seqs c JOIN"
          + " (SELECT room, client_id, max(rev) AS last FROM ops GROUP BY room, client_id) m"
          + " ON m.room = c.room AND m.client_id = c.client_id WHERE c.rev <> m.last")) {
        rs.next();
        if (rs.getInt(1) > 0) {
          log.warn("schema migration 2 → 3: {} clients committed seqs out of order (older servers);"
              + " their older ops may not be recognised as resends", rs.getInt(1));
        }
      }
      s.execute("DROP TABLE ops");
      s.execute("ALTER TABLE ops_v3 RENAME TO ops");
      log.info("schema migration 2 → 3: {} ops kept, {} client seqs indexed", ops, clients);
    }
  }

  /**
   * Version 1 → 2: snapshots become {@link SnapshotCodec} BLOBs. Only each room's latest snapshot
   * exists (older ones are pruned), so this converts one document per room. A snapshot that does
   * not parse is dropped with a warning rather than stopping the server: the ops hold the whole
   * history, so the room still loads (by replaying more of it).
   */
  private static void migrateSnapshotsToCompact(Connection writer) throws SQLException {
    try (Statement s = writer.createStatement()) {
      s.execute(snapshotsTable("snapshots_v2"));
      try (ResultSet rs = s.executeQuery("SELECT room, rev, document FROM snapshots");
           PreparedStatement insert = writer.prepareStatement(
               "INSERT INTO snapshots_v2 (room, rev, document) VALUES (?, ?, ?)")) {
        int converted = 0;
        while (rs.next()) {
          byte[] compact;
          try {
            compact = SnapshotCodec.encode(DeltaJson.parse(rs.getString(3)));
          } catch (RuntimeException e) {
            log.warn("schema migration: dropping the unreadable snapshot of room {} at rev {} ({})",
                rs.getString(1), rs.getLong(2), e.getMessage());
            continue;
          }
          insert.setString(1, rs.getString(1));
          insert.setLong(2, rs.getLong(2));
          insert.setBytes(3, compact);
          insert.executeUpdate();
          converted++;
        }
        log.info("schema migration 1 → 2: {} snapshots converted to the compact form", converted);
      }
      s.execute("DROP TABLE snapshots");
      s.execute("ALTER TABLE snapshots_v2 RENAME TO snapshots");
    }
  }
}
