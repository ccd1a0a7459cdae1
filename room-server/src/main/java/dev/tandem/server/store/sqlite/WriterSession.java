package dev.tandem.server.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What the writer thread keeps between writes: its connection, the statements it prepared (SQLite
 * compiles a statement once; preparing anew for every write cost a fifth of the writer's time) and
 * the head revision of the rooms it appended to recently (it is the only writer, so a head it
 * loaded once and advanced itself stays true; this replaces a {@code max(rev)} query per append).
 * Owned by the writer thread.
 *
 * <p>Heads advanced inside a transaction are staged and become known only when it commits; a
 * transaction that fails forgets every known head and statement (they are reloaded on demand).
 */
final class WriterSession {
  /** Rooms whose head is remembered; the least recently used is forgotten beyond this. */
  static final int MAX_KNOWN_HEADS = 100_000;

  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private final Map<String, Long> heads = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > MAX_KNOWN_HEADS;
    }
  };
  private final Map<String, Long> staged = new HashMap<>();
  /** (room, client) → {last seq, its rev}, like {@link #heads}: loaded once, then advanced here. */
  private final Map<ClientKey, SqliteWrites.ClientSeq> clientSeqs = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<ClientKey, SqliteWrites.ClientSeq> eldest) {
      return size() > MAX_KNOWN_CLIENT_SEQS;
    }
  };
  private final Map<ClientKey, SqliteWrites.ClientSeq> stagedClientSeqs = new HashMap<>();

  /** Clients whose last seq is remembered; the least recently used is forgotten beyond this. */
  static final int MAX_KNOWN_CLIENT_SEQS = 50_000;

  private record ClientKey(String roomId, String clientId) {}

  WriterSession(Connection connection) {
    this.connection = connection;
  }

  Connection connection() {
    return connection;
  }

  /**
   * The statement for {@code sql}, prepared on first use and kept: callers must not close it, and
   * set every parameter before each use.
   */
  PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement s = statements.get(sql);
    if (s == null) {
      s = connection.prepareStatement(sql);
      statements.put(sql, s);
    }
    return s;
  }

  /** Rows inserted, updated or deleted on the connection since it opened (SQLite's {@code total_changes}). */
  long totalChanges() throws SQLException {
    return connection.unwrap(org.sqlite.SQLiteConnection.class).getDatabase().total_changes();
  }

  /** Closes and forgets the statement for {@code sql} (after it failed in an unusual way). */
  void discard(String sql) {
    PreparedStatement s = statements.remove(sql);
    if (s != null) {
      try {
        s.close();
      } catch (SQLException ignored) {
        // it is gone either way
      }
    }
  }

  /** The room's head as this transaction sees it, if known without a query. */
  OptionalLong knownHead(String roomId) {
    Long h = staged.get(roomId);
    if (h == null) {
      h = heads.get(roomId);
    }
    return h == null ? OptionalLong.empty() : OptionalLong.of(h);
  }

  /**
   * Remembers a head read from the database in this transaction. Only valid when this transaction
   * has not appended to the room (then {@link #knownHead} would have answered), so it is the
   * committed head.
   */
  void loadedHead(String roomId, long head) {
    heads.put(roomId, head);
  }

  /** This transaction appended to the room up to {@code head}. Call only once the write succeeded. */
  void advanceHead(String roomId, long head) {
    staged.put(roomId, head);
  }

  /** The client's last op in the room as this transaction sees it, or null if unknown. */
  SqliteWrites.ClientSeq knownClientSeq(String roomId, String clientId) {
    ClientKey key = new ClientKey(roomId, clientId);
    SqliteWrites.ClientSeq seq = stagedClientSeqs.get(key);
    return seq != null ? seq : clientSeqs.get(key);
  }

  /** Remembers a client's last op read from the database (committed: see {@link #loadedHead}). */
  void loadedClientSeq(String roomId, String clientId, SqliteWrites.ClientSeq seq) {
    clientSeqs.put(new ClientKey(roomId, clientId), seq);
  }

  /** This transaction committed the client's ops up to {@code seq}. Only once the write succeeded. */
  void advanceClientSeq(String roomId, String clientId, SqliteWrites.ClientSeq seq) {
    stagedClientSeqs.put(new ClientKey(roomId, clientId), seq);
  }

  /** The transaction committed: its staged heads and client seqs are now true. */
  void committed() {
    heads.putAll(staged);
    staged.clear();
    clientSeqs.putAll(stagedClientSeqs);
    stagedClientSeqs.clear();
  }

  /** The transaction rolled back: forget everything that might describe its effects. */
  void rolledBack() {
    staged.clear();
    heads.clear();
    stagedClientSeqs.clear();
    clientSeqs.clear();
    for (PreparedStatement s : statements.values()) {
      try {
        s.close();
      } catch (SQLException ignored) {
        // reprepared on next use
      }
    }
    statements.clear();
  }

  /** Closes the cached statements (the connection is closed by its owner). */
  void close() {
    rolledBack();
  }
}
