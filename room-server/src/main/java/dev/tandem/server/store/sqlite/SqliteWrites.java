package dev.tandem.server.store.sqlite;

import dev.tandem.server.json.StreamingDeltaJson;
import dev.tandem.server.store.ChatRecord;
import dev.tandem.server.store.DuplicateOpException;
import dev.tandem.server.store.KeyHashes;
import dev.tandem.server.store.RevisionConflictException;
import dev.tandem.server.store.RoomExistsException;
import dev.tandem.server.store.RoomRecord;
import dev.tandem.server.store.SpentSeqException;
import dev.tandem.server.store.StoreException;
import dev.tandem.server.store.StoredOp;
import dev.tandem.server.store.UnknownRoomException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The store's writes as {@link PendingWrite}s. Each factory runs on the caller's thread and does
 * the CPU work there (JSON encoding, validation), so the writer thread only runs SQL. The work
 * runs on the writer thread inside the group transaction; it checks what it can refuse for
 * (unknown room, gap, duplicate) before writing, and refuses by throwing a
 * {@code StoreException}.
 */
final class SqliteWrites {

  private SqliteWrites() {}

  /** An op ready for its row: the delta already encoded. */
  private record OpRow(long rev, String clientId, long seq, String delta, String author, long time) {}

  private static final String INSERT_ROOM =
      "INSERT INTO rooms (id, edit_key_hash, view_key_hash, admin_key_hash, created_nanos)"
          + " VALUES (?, ?, ?, ?, ?)";
  private static final String UPDATE_KEYS =
      "UPDATE rooms SET edit_key_hash = ?, view_key_hash = ?, admin_key_hash = ? WHERE id = ?";
  private static final String ROOM_EXISTS = "SELECT 1 FROM rooms WHERE id = ?";
  private static final String HEAD = "SELECT coalesce(max(rev), 0) FROM ops WHERE room = ?";
  private static final String LAST_SEQ = "SELECT seq, rev, ops FROM client_seqs WHERE room = ? AND client_id = ?";
  private static final String INSERT_MARK = "INSERT INTO client_marks (room, client_id, seq, rev) VALUES (?, ?, ?, ?)";
  /**
   * Rows per multi-row INSERT (ops) or upsert (client_seqs): one statement for a batch instead of
   * one per row. Each row cost a statement's fixed work (JNI crossings, step, reset) next to a
   * cheap B-tree append; a batch of ~12 ops took ~25 % less writer CPU as one statement
   * (docs/benchmarks.md, "Room-server pass 8"). Larger batches go in chunks of this many rows.
   */
  static final int ROWS_PER_STATEMENT = 32;
  private static final String INSERT_OPS =
      "INSERT INTO ops (room, rev, client_id, seq, delta, author, time_nanos, prev_rev) VALUES ";
  private static final String OP_ROW = "(?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String UPSERT_SEQS = "INSERT INTO client_seqs (room, client_id, seq, rev, ops) VALUES ";
  private static final String SEQ_ROW = "(?, ?, ?, ?, ?)";
  private static final String ON_SEQ_CONFLICT =
      " ON CONFLICT (room, client_id) DO UPDATE SET seq = excluded.seq, rev = excluded.rev, ops = excluded.ops";
  /** The statements' SQL by row count (index n for n rows), built once. */
  private static final String[] INSERT_OPS_SQL = multiRows(INSERT_OPS, OP_ROW, "");
  private static final String[] UPSERT_SEQS_SQL = multiRows(UPSERT_SEQS, SEQ_ROW, ON_SEQ_CONFLICT);
  private static final String UPSERT_SNAPSHOT =
      "INSERT INTO snapshots (room, rev, document) VALUES (?, ?, ?)"
          + " ON CONFLICT (room, rev) DO UPDATE SET document = excluded.document";
  private static final String PRUNE_SNAPSHOTS =
      "DELETE FROM snapshots WHERE room = ? AND rev < (SELECT max(rev) FROM snapshots WHERE room = ?)";
  private static final String INSERT_CHAT =
      "INSERT INTO chat (room, id, client_id, user_name, user_color, text, time_nanos)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (room, id) DO NOTHING";

  static PendingWrite createRoom(RoomRecord room) {
    long created = epochNanos(room.created());
    return new PendingWrite("create room", 0, w -> {
      if (roomExists(w, room.id())) {
        throw new RoomExistsException(room.id());
      }
      PreparedStatement insert = w.statement(INSERT_ROOM);
      insert.setString(1, room.id());
      insert.setString(2, room.keys().editHash());
      insert.setString(3, room.keys().viewHash());
      insert.setString(4, room.keys().adminHash());
      insert.setLong(5, created);
      insert.executeUpdate();
    });
  }

  static PendingWrite replaceKeys(String roomId, KeyHashes keys) {
    return new PendingWrite("replace keys", 0, w -> {
      PreparedStatement update = w.statement(UPDATE_KEYS);
      update.setString(1, keys.editHash());
      update.setString(2, keys.viewHash());
      update.setString(3, keys.adminHash());
      update.setString(4, roomId);
      if (update.executeUpdate() == 0) {
        throw new UnknownRoomException(roomId);
      }
    });
  }

  /**
   * Checks the batch before writing anything: revs against the room's head (known to the writer
   * after the room's first append, so no query), and each op's seq against its client's last one
   * (remembered by the writer, else one {@code client_seqs} row). Then inserts the ops, each
   * chained to its client's previous op, marks every {@link SqliteSchema#MARK_EVERY}th op of a
   * client, and moves each client's {@code client_seqs} row to its last op in the batch.
   */
  static PendingWrite append(String roomId, List<StoredOp> ops) {
    List<OpRow> rows = ops.stream()
        .map(op -> new OpRow(op.rev(), op.clientId(), op.seq(), StreamingDeltaJson.delta(op.delta()),
            op.author(), epochNanos(op.time())))
        .toList();
    return new PendingWrite("append", rows.size(), w -> {
      long expected = head(w, roomId) + 1;
      // clientId → its last op so far: committed, then this batch's; and each row's predecessor.
      Map<String, ClientSeq> last = new LinkedHashMap<>();
      ClientSeq[] previousOf = new ClientSeq[rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        OpRow row = rows.get(i);
        if (row.rev() != expected) {
          throw new RevisionConflictException(roomId, expected, row.rev());
        }
        expected++;
        ClientSeq previous = last.containsKey(row.clientId())
            ? last.get(row.clientId()) : lastSeq(w, roomId, row.clientId());
        if (previous != null && row.seq() <= previous.seq()) {
          throw refusedSeq(w, roomId, row, previous, rows);
        }
        previousOf[i] = previous;
        last.put(row.clientId(), new ClientSeq(row.seq(), row.rev(), previous == null ? 1 : previous.ops() + 1));
      }
      for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
        int n = Math.min(ROWS_PER_STATEMENT, rows.size() - from);
        PreparedStatement insert = w.statement(INSERT_OPS_SQL[n]);
        int p = 1;
        for (int i = from; i < from + n; i++) {
          OpRow row = rows.get(i);
          ClientSeq previous = previousOf[i];
          insert.setString(p++, roomId);
          insert.setLong(p++, row.rev());
          insert.setString(p++, row.clientId());
          insert.setLong(p++, row.seq());
          insert.setString(p++, row.delta());
          insert.setString(p++, row.author());
          insert.setLong(p++, row.time());
          if (previous == null) {
            insert.setNull(p++, java.sql.Types.INTEGER);
          } else {
            insert.setLong(p++, previous.rev());
          }
        }
        insert.executeUpdate();
      }
      for (int i = 0; i < rows.size(); i++) {
        OpRow row = rows.get(i);
        ClientSeq previous = previousOf[i];
        long ordinal = previous == null ? 1 : previous.ops() + 1;
        if ((ordinal - 1) % SqliteSchema.MARK_EVERY == 0) {
          PreparedStatement mark = w.statement(INSERT_MARK);
          mark.setString(1, roomId);
          mark.setString(2, row.clientId());
          mark.setLong(3, row.seq());
          mark.setLong(4, row.rev());
          mark.executeUpdate();
        }
      }
      List<Map.Entry<String, ClientSeq>> clients = List.copyOf(last.entrySet());
      for (int from = 0; from < clients.size(); from += ROWS_PER_STATEMENT) {
        int n = Math.min(ROWS_PER_STATEMENT, clients.size() - from);
        PreparedStatement upsert = w.statement(UPSERT_SEQS_SQL[n]);
        int p = 1;
        for (Map.Entry<String, ClientSeq> client : clients.subList(from, from + n)) {
          upsert.setString(p++, roomId);
          upsert.setString(p++, client.getKey());
          upsert.setLong(p++, client.getValue().seq());
          upsert.setLong(p++, client.getValue().rev());
          upsert.setLong(p++, client.getValue().ops());
        }
        upsert.executeUpdate();
      }
      w.advanceHead(roomId, rows.getLast().rev());
      last.forEach((clientId, seq) -> w.advanceClientSeq(roomId, clientId, seq));
    });
  }

  /** For n = 1..{@link #ROWS_PER_STATEMENT}: {@code head}, n copies of {@code row} comma-separated, {@code tail}. */
  private static String[] multiRows(String head, String row, String tail) {
    String[] sql = new String[ROWS_PER_STATEMENT + 1];
    for (int n = 1; n <= ROWS_PER_STATEMENT; n++) {
      sql[n] = head + String.join(", ", java.util.Collections.nCopies(n, row)) + tail;
    }
    return sql;
  }

  /** A client's last committed op in a room: its seq and rev, and how many ops it committed there. */
  record ClientSeq(long seq, long rev, long ops) {}

  /** The client's last committed op in the room, or null if it has none. */
  private static ClientSeq lastSeq(WriterSession w, String roomId, String clientId) throws SQLException {
    ClientSeq known = w.knownClientSeq(roomId, clientId);
    if (known != null) {
      return known;
    }
    PreparedStatement s = w.statement(LAST_SEQ);
    s.setString(1, roomId);
    s.setString(2, clientId);
    try (ResultSet rs = s.executeQuery()) {
      if (!rs.next()) {
        return null;
      }
      ClientSeq loaded = new ClientSeq(rs.getLong(1), rs.getLong(2), rs.getLong(3));
      w.loadedClientSeq(roomId, clientId, loaded);
      return loaded;
    }
  }

  /**
   * Why {@code row}, whose seq is not above its client's last ({@code previous}), is refused:
   * a duplicate of an op in this batch or in the history, or a seq that was skipped and is spent.
   */
  private static StoreException refusedSeq(WriterSession w, String roomId, OpRow row, ClientSeq previous,
      List<OpRow> batch) throws SQLException {
    for (OpRow earlier : batch) {
      if (earlier == row) {
        break;
      }
      if (earlier.clientId().equals(row.clientId()) && earlier.seq() == row.seq()) {
        return new DuplicateOpException(roomId, row.clientId(), row.seq(), earlier.rev());
      }
    }
    ClientSeq committed = lastSeq(w, roomId, row.clientId());
    if (committed != null) {
      OptionalLong rev = findOp(w.connection(), roomId, row.clientId(), row.seq(), committed);
      if (rev.isPresent()) {
        return new DuplicateOpException(roomId, row.clientId(), row.seq(), rev.getAsLong());
      }
    }
    return new SpentSeqException(roomId, row.clientId(), row.seq(), previous.seq());
  }

  /**
   * The rev of the client's op {@code seq}, given its last committed op: that one, or found from
   * the first {@code client_marks} entry above {@code seq} (else the last op) by following
   * {@code prev_rev} back — at most {@link SqliteSchema#MARK_EVERY} ops, since every
   * {@code MARK_EVERY}th op of a client is marked — until a seq at or below {@code seq} (a
   * client's seqs increase along its chain).
   */
  static OptionalLong findOp(Connection c, String roomId, String clientId, long seq, ClientSeq last)
      throws SQLException {
    if (seq == last.seq()) {
      return OptionalLong.of(last.rev());
    }
    if (seq > last.seq()) {
      return OptionalLong.empty();
    }
    long rev = last.rev();
    try (PreparedStatement mark = c.prepareStatement("SELECT rev FROM client_marks"
        + " WHERE room = ? AND client_id = ? AND seq > ? ORDER BY seq LIMIT 1")) {
      mark.setString(1, roomId);
      mark.setString(2, clientId);
      mark.setLong(3, seq);
      try (ResultSet rs = mark.executeQuery()) {
        if (rs.next()) {
          rev = rs.getLong(1);
        }
      }
    }
    try (PreparedStatement step = c.prepareStatement("SELECT seq, prev_rev FROM ops WHERE room = ? AND rev = ?")) {
      step.setString(1, roomId);
      for (int steps = 0; steps <= SqliteSchema.MARK_EVERY; steps++) {
        step.setLong(2, rev);
        try (ResultSet rs = step.executeQuery()) {
          if (!rs.next()) {
            return OptionalLong.empty();
          }
          long at = rs.getLong(1);
          if (at == seq) {
            return OptionalLong.of(rev);
          }
          long prev = rs.getLong(2);
          if (at < seq || rs.wasNull()) {
            return OptionalLong.empty();
          }
          rev = prev;
        }
      }
    }
    // Marks are MARK_EVERY ops apart, so the walk ends above; only damaged data gets here.
    return OptionalLong.empty();
  }

  /**
   * Saves a snapshot ({@link SnapshotCodec} bytes) and drops the room's older ones: only the
   * latest is ever read.
   */
  static PendingWrite snapshot(String roomId, long rev, byte[] document) {
    return new PendingWrite("snapshot", 0, w -> {
      requireRoom(w, roomId);
      PreparedStatement upsert = w.statement(UPSERT_SNAPSHOT);
      upsert.setString(1, roomId);
      upsert.setLong(2, rev);
      upsert.setBytes(3, document);
      upsert.executeUpdate();
      PreparedStatement prune = w.statement(PRUNE_SNAPSHOTS);
      prune.setString(1, roomId);
      prune.setString(2, roomId);
      prune.executeUpdate();
    });
  }

  static PendingWrite chat(String roomId, ChatRecord m) {
    long time = epochNanos(m.time());
    return new PendingWrite("chat", 0, w -> {
      requireRoom(w, roomId);
      PreparedStatement insert = w.statement(INSERT_CHAT);
      insert.setString(1, roomId);
      insert.setString(2, m.id());
      insert.setString(3, m.clientId());
      insert.setString(4, m.userName());
      insert.setString(5, m.userColor());
      insert.setString(6, m.text());
      insert.setLong(7, time);
      insert.executeUpdate();
    });
  }

  /**
   * The room's head for an append: remembered by the writer, or read once (after checking the room
   * exists: a room with a known head exists, rooms are never deleted).
   */
  private static long head(WriterSession w, String roomId) throws SQLException {
    OptionalLong known = w.knownHead(roomId);
    if (known.isPresent()) {
      return known.getAsLong();
    }
    requireRoom(w, roomId);
    PreparedStatement s = w.statement(HEAD);
    s.setString(1, roomId);
    long head;
    try (ResultSet rs = s.executeQuery()) {
      rs.next();
      head = rs.getLong(1);
    }
    w.loadedHead(roomId, head);
    return head;
  }

  static long head(Connection c, String roomId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT coalesce(max(rev), 0) FROM ops WHERE room = ?")) {
      s.setString(1, roomId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void requireRoom(WriterSession w, String roomId) throws SQLException {
    if (w.knownHead(roomId).isEmpty() && !roomExists(w, roomId)) {
      throw new UnknownRoomException(roomId);
    }
  }

  private static boolean roomExists(WriterSession w, String roomId) throws SQLException {
    PreparedStatement s = w.statement(ROOM_EXISTS);
    s.setString(1, roomId);
    try (ResultSet rs = s.executeQuery()) {
      return rs.next();
    }
  }

  /**
   * Nanoseconds since the epoch.
   *
   * @throws IllegalArgumentException outside 1677..2262
   */
  static long epochNanos(Instant t) {
    try {
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("time out of the storable range (1677..2262): " + t, e);
    }
  }

  static Instant fromEpochNanos(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
        Math.floorMod(nanos, 1_000_000_000L));
  }
}
