package dev.tandem.server.store;

import dev.tandem.ot.Delta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link RoomStore} in memory, for tests of the logic built on it. Same semantics as the durable
 * stores ("durable" meaning: stored in this object), except that nothing survives the process and
 * futures are complete when returned (on the calling thread).
 *
 * <p>Threads: every method takes this object's monitor; all mutable state below is guarded by it.
 * Nothing is called out while holding it (futures are completed after it is released).
 */
public final class InMemoryRoomStore implements RoomStore {

  /** Guarded by {@code this}. */
  private final Map<String, RoomData> rooms = new HashMap<>();

  /** Guarded by {@code this}. */
  private boolean closed;

  /** One room's state. Guarded by the store's monitor. */
  private static final class RoomData {
    RoomRecord record;
    final List<StoredOp> ops = new ArrayList<>(); // ops.get(i).rev() == i + 1
    /** clientId → seq → rev, seqs in order (the last entry is the client's highest seq). */
    final Map<String, TreeMap<Long, Long>> revByClientSeq = new HashMap<>();
    final TreeMap<Long, Snapshot> snapshots = new TreeMap<>();
    final List<ChatRecord> chat = new ArrayList<>();

    RoomData(RoomRecord record) {
      this.record = record;
    }

    /** The client's highest committed seq; {@code Long.MIN_VALUE} if it has none. */
    long lastSeq(String clientId) {
      TreeMap<Long, Long> bySeq = revByClientSeq.get(clientId);
      return bySeq == null ? Long.MIN_VALUE : bySeq.lastKey();
    }

    Long revOf(String clientId, long seq) {
      Map<Long, Long> bySeq = revByClientSeq.get(clientId);
      return bySeq == null ? null : bySeq.get(seq);
    }
  }

  @Override
  public synchronized void createRoom(RoomRecord room) {
    Objects.requireNonNull(room, "room");
    ensureOpen();
    if (rooms.containsKey(room.id())) {
      throw new RoomExistsException(room.id());
    }
    rooms.put(room.id(), new RoomData(room));
  }

  @Override
  public synchronized Optional<RoomRecord> findRoom(String roomId) {
    ensureOpen();
    RoomData room = rooms.get(RoomRecord.requireRoomId(roomId));
    return room == null ? Optional.empty() : Optional.of(room.record);
  }

  @Override
  public synchronized void replaceKeys(String roomId, KeyHashes newKeys) {
    Objects.requireNonNull(newKeys, "newKeys");
    RoomData room = existingRoom(roomId);
    room.record = room.record.withKeys(newKeys);
  }

  @Override
  public CompletableFuture<Void> append(String roomId, List<StoredOp> ops) {
    List<StoredOp> batch = List.copyOf(ops);
    try {
      appendNow(roomId, batch);
      return CompletableFuture.completedFuture(null);
    } catch (StoreException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private synchronized void appendNow(String roomId, List<StoredOp> batch) {
    RoomData room = existingRoom(roomId);
    // Validate the whole batch before changing anything: a refused batch leaves nothing behind.
    long expected = room.ops.size() + 1;
    Map<String, TreeMap<Long, Long>> seenInBatch = new HashMap<>();
    for (StoredOp op : batch) {
      if (op.rev() != expected) {
        throw new RevisionConflictException(roomId, expected, op.rev());
      }
      Long earlier = room.revOf(op.clientId(), op.seq());
      TreeMap<Long, Long> batchSeqs = seenInBatch.getOrDefault(op.clientId(), new TreeMap<>());
      if (earlier == null) {
        earlier = batchSeqs.get(op.seq());
      }
      if (earlier != null) {
        throw new DuplicateOpException(roomId, op.clientId(), op.seq(), earlier);
      }
      long lastSeq = batchSeqs.isEmpty() ? room.lastSeq(op.clientId()) : batchSeqs.lastKey();
      if (op.seq() <= lastSeq) {
        throw new SpentSeqException(roomId, op.clientId(), op.seq(), lastSeq);
      }
      seenInBatch.computeIfAbsent(op.clientId(), c -> new TreeMap<>()).put(op.seq(), op.rev());
      expected++;
    }
    for (StoredOp op : batch) {
      room.ops.add(op);
      room.revByClientSeq.computeIfAbsent(op.clientId(), c -> new TreeMap<>())
          .put(op.seq(), op.rev());
    }
  }

  @Override
  public synchronized List<StoredOp> ops(String roomId, long afterRev, long upToRevInclusive) {
    checkRange(afterRev, upToRevInclusive);
    ensureOpen();
    RoomData room = rooms.get(RoomRecord.requireRoomId(roomId));
    if (room == null) {
      return List.of();
    }
    int from = (int) Math.min(afterRev, room.ops.size());
    int to = (int) Math.min(upToRevInclusive, room.ops.size());
    return List.copyOf(room.ops.subList(from, to));
  }

  @Override
  public synchronized long headRevision(String roomId) {
    ensureOpen();
    RoomData room = rooms.get(RoomRecord.requireRoomId(roomId));
    return room == null ? 0 : room.ops.size();
  }

  @Override
  public synchronized OptionalLong committedRevision(String roomId, String clientId, long seq) {
    Objects.requireNonNull(clientId, "clientId");
    ensureOpen();
    RoomData room = rooms.get(RoomRecord.requireRoomId(roomId));
    Long rev = room == null ? null : room.revOf(clientId, seq);
    return rev == null ? OptionalLong.empty() : OptionalLong.of(rev);
  }

  @Override
  public synchronized Optional<ClientSeq> lastCommitted(String roomId, String clientId) {
    Objects.requireNonNull(clientId, "clientId");
    ensureOpen();
    RoomData room = rooms.get(RoomRecord.requireRoomId(roomId));
    TreeMap<Long, Long> bySeq = room == null ? null : room.revByClientSeq.get(clientId);
    if (bySeq == null || bySeq.isEmpty()) {
      return Optional.empty();
    }
    Map.Entry<Long, Long> last = bySeq.lastEntry();
    return Optional.of(new ClientSeq(last.getKey(), last.getValue()));
  }

  @Override
  public CompletableFuture<Void> saveSnapshot(String roomId, long rev, Delta document) {
    Snapshot snapshot = new Snapshot(rev, document); // validates before any future exists
    try {
      synchronized (this) {
        RoomData room = existingRoom(roomId);
        room.snapshots.put(rev, snapshot);
        room.snapshots.headMap(room.snapshots.lastKey(), false).clear();
      }
      return CompletableFuture.completedFuture(null);
    } catch (StoreException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public synchronized Optional<Snapshot> latestSnapshot(String roomId) {
    ensureOpen();
    RoomData room = rooms.get(RoomRecord.requireRoomId(roomId));
    return room == null || room.snapshots.isEmpty()
        ? Optional.empty()
        : Optional.of(room.snapshots.lastEntry().getValue());
  }

  @Override
  public CompletableFuture<Void> appendChat(String roomId, ChatRecord message) {
    Objects.requireNonNull(message, "message");
    try {
      synchronized (this) {
        RoomData room = existingRoom(roomId);
        if (room.chat.stream().noneMatch(m -> m.id().equals(message.id()))) {
          room.chat.add(message);
        }
      }
      return CompletableFuture.completedFuture(null);
    } catch (StoreException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public synchronized List<ChatRecord> recentChat(String roomId, int limit) {
    checkLimit(limit);
    ensureOpen();
    RoomData room = rooms.get(RoomRecord.requireRoomId(roomId));
    if (room == null) {
      return List.of();
    }
    return List.copyOf(room.chat.subList(Math.max(0, room.chat.size() - limit), room.chat.size()));
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  private RoomData existingRoom(String roomId) {
    ensureOpen();
    RoomData room = rooms.get(RoomRecord.requireRoomId(roomId));
    if (room == null) {
      throw new UnknownRoomException(roomId);
    }
    return room;
  }

  private void ensureOpen() {
    if (closed) {
      throw new StorageFailedException("store is closed");
    }
  }

  static void checkRange(long afterRev, long upToRevInclusive) {
    if (afterRev < 0 || upToRevInclusive < afterRev) {
      throw new IllegalArgumentException(
          "need 0 ≤ afterRev ≤ upToRevInclusive, got " + afterRev + ", " + upToRevInclusive);
    }
  }

  static void checkLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be ≥ 0, was " + limit);
    }
  }
}
