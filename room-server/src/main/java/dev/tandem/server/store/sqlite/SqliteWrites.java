package dev.tandem.server.store.sqlite;

import dev.tandem.protocol.DeltaJson;
import dev.tandem.server.store.ChatRecord;
import dev.tandem.server.store.DuplicateOpException;
import dev.tandem.server.store.KeyHashes;
import dev.tandem.server.store.RevisionConflictException;
import dev.tandem.server.store.RoomExistsException;
import dev.tandem.server.store.RoomRecord;
import dev.tandem.server.store.StoredOp;
import dev.tandem.server.store.UnknownRoomException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

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

  static PendingWrite createRoom(RoomRecord room) {
    long created = epochNanos(room.created());
    return new PendingWrite("create room", 0, c -> {
      if (roomExists(c, room.id())) {
        throw new RoomExistsException(room.id());
      }
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO rooms (id, edit_key_hash, view_key_hash, admin_key_hash, created_nanos)"
              + " VALUES (?, ?, ?, ?, ?)")) {
        insert.setString(1, room.id());
        insert.setString(2, room.keys().editHash());
        insert.setString(3, room.keys().viewHash());
        insert.setString(4, room.keys().adminHash());
        insert.setLong(5, created);
        insert.executeUpdate();
      }
    });
  }

  static PendingWrite replaceKeys(String roomId, KeyHashes keys) {
    return new PendingWrite("replace keys", 0, c -> {
      try (PreparedStatement update = c.prepareStatement(
          "UPDATE rooms SET edit_key_hash = ?, view_key_hash = ?, admin_key_hash = ? WHERE id = ?")) {
        update.setString(1, keys.editHash());
        update.setString(2, keys.viewHash());
        update.setString(3, keys.adminHash());
        update.setString(4, roomId);
        if (update.executeUpdate() == 0) {
          throw new UnknownRoomException(roomId);
        }
      }
    });
  }

  static PendingWrite append(String roomId, List<StoredOp> ops) {
    List<OpRow> rows = ops.stream()
        .map(op -> new OpRow(op.rev(), op.clientId(), op.seq(), DeltaJson.write(op.delta()),
            op.author(), epochNanos(op.time())))
        .toList();
    return new PendingWrite("append", rows.size(), c -> {
      requireRoom(c, roomId);
      long expected = head(c, roomId) + 1;
      for (OpRow row : rows) {
        if (row.rev() != expected) {
          throw new RevisionConflictException(roomId, expected, row.rev());
        }
        expected++;
      }
      try (PreparedStatement find = c.prepareStatement(
              "SELECT rev FROM ops WHERE room = ? AND client_id = ? AND seq = ?");
          PreparedStatement insert = c.prepareStatement(
              "INSERT INTO ops (room, rev, client_id, seq, delta, author, time_nanos)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        for (OpRow row : rows) {
          find.setString(1, roomId);
          find.setString(2, row.clientId());
          find.setLong(3, row.seq());
          try (ResultSet rs = find.executeQuery()) {
            if (rs.next()) {
              throw new DuplicateOpException(roomId, row.clientId(), row.seq(), rs.getLong(1));
            }
          }
          insert.setString(1, roomId);
          insert.setLong(2, row.rev());
          insert.setString(3, row.clientId());
          insert.setLong(4, row.seq());
          insert.setString(5, row.delta());
          insert.setString(6, row.author());
          insert.setLong(7, row.time());
          insert.executeUpdate();
        }
      }
    });
  }

  /** Saves a snapshot and drops the room's older ones: only the latest is ever read. */
  static PendingWrite snapshot(String roomId, long rev, String documentJson) {
    return new PendingWrite("snapshot", 0, c -> {
      requireRoom(c, roomId);
      try (PreparedStatement upsert = c.prepareStatement(
              "INSERT INTO snapshots (room, rev, document) VALUES (?, ?, ?)"
                  + " ON CONFLICT (room, rev) DO UPDATE SET document = excluded.document");
          PreparedStatement prune = c.prepareStatement(
              "DELETE FROM snapshots WHERE room = ?"
                  + " AND rev < (SELECT max(rev) FROM snapshots WHERE room = ?)")) {
        upsert.setString(1, roomId);
        upsert.setLong(2, rev);
        upsert.setString(3, documentJson);
        upsert.executeUpdate();
        prune.setString(1, roomId);
        prune.setString(2, roomId);
        prune.executeUpdate();
      }
    });
  }

  static PendingWrite chat(String roomId, ChatRecord m) {
    long time = epochNanos(m.time());
    return new PendingWrite("chat", 0, c -> {
      requireRoom(c, roomId);
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO chat (room, id, client_id, user_name, user_color, text, time_nanos)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (room, id) DO NOTHING")) {
        insert.setString(1, roomId);
        insert.setString(2, m.id());
        insert.setString(3, m.clientId());
        insert.setString(4, m.userName());
        insert.setString(5, m.userColor());
        insert.setString(6, m.text());
        insert.setLong(7, time);
        insert.executeUpdate();
      }
    });
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

  private static void requireRoom(Connection c, String roomId) throws SQLException {
    if (!roomExists(c, roomId)) {
      throw new UnknownRoomException(roomId);
    }
  }

  private static boolean roomExists(Connection c, String roomId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM rooms WHERE id = ?")) {
      s.setString(1, roomId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
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
