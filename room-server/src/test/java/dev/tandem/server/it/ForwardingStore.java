package dev.tandem.server.it;

import dev.tandem.ot.Delta;
import dev.tandem.server.store.ChatRecord;
import dev.tandem.server.store.ClientSeq;
import dev.tandem.server.store.KeyHashes;
import dev.tandem.server.store.RoomRecord;
import dev.tandem.server.store.RoomStore;
import dev.tandem.server.store.Snapshot;
import dev.tandem.server.store.StoredOp;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/** A real store behind a decorator: every call goes to {@code store}; subclasses override what they observe or break. */
abstract class ForwardingStore implements RoomStore {
  protected final RoomStore store;

  ForwardingStore(RoomStore store) {
    this.store = store;
  }

  @Override public void createRoom(RoomRecord room) { store.createRoom(room); }
  @Override public Optional<RoomRecord> findRoom(String roomId) { return store.findRoom(roomId); }
  @Override public void replaceKeys(String roomId, KeyHashes newKeys) { store.replaceKeys(roomId, newKeys); }
  @Override public CompletableFuture<Void> append(String roomId, List<StoredOp> ops) { return store.append(roomId, ops); }
  @Override public List<StoredOp> ops(String roomId, long afterRev, long upTo) { return store.ops(roomId, afterRev, upTo); }
  @Override public long headRevision(String roomId) { return store.headRevision(roomId); }
  @Override public OptionalLong committedRevision(String roomId, String clientId, long seq) { return store.committedRevision(roomId, clientId, seq); }
  @Override public Optional<ClientSeq> lastCommitted(String roomId, String clientId) { return store.lastCommitted(roomId, clientId); }
  @Override public CompletableFuture<Void> saveSnapshot(String roomId, long rev, Delta document) { return store.saveSnapshot(roomId, rev, document); }
  @Override public Optional<Snapshot> latestSnapshot(String roomId) { return store.latestSnapshot(roomId); }
  @Override public CompletableFuture<Void> appendChat(String roomId, ChatRecord message) { return store.appendChat(roomId, message); }
  @Override public List<ChatRecord> recentChat(String roomId, int limit) { return store.recentChat(roomId, limit); }
  @Override public void close() { store.close(); }
}
