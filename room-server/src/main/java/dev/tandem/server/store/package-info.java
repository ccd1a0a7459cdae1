/**
 * Durable storage for rooms, behind one interface: {@link dev.tandem.server.store.RoomStore}.
 *
 * <p>A tour:
 *
 * <ul>
 *   <li>{@link dev.tandem.server.store.RoomStore} — the contract: room records
 *       ({@link dev.tandem.server.store.RoomRecord} with {@link dev.tandem.server.store.KeyHashes};
 *       keys are never stored), the op history ({@link dev.tandem.server.store.StoredOp}, revs
 *       1, 2, 3, … without gaps, (clientId, seq) unique), document
 *       {@link dev.tandem.server.store.Snapshot}s and {@link dev.tandem.server.store.ChatRecord}s.
 *   <li>The output gate: {@code append} returns a future that completes only once the ops are
 *       durable; the Room acknowledges and broadcasts after that. Durable stores group-commit:
 *       every write waiting while a transaction is in flight goes into the next one, across all
 *       rooms, so one fsync covers many ops.
 *   <li>Failures are a sealed family under {@link dev.tandem.server.store.StoreException}; a
 *       refused append leaves nothing of itself behind.
 *   <li>Implementations: {@link dev.tandem.server.store.InMemoryRoomStore} (tests),
 *       {@link dev.tandem.server.store.sqlite.SqliteRoomStore} (embedded default); PostgreSQL for
 *       the cluster later. All pass one contract suite ({@code RoomStoreContract}).
 *   <li>Metrics without a metrics dependency: {@link dev.tandem.server.store.CommitListener} and
 *       {@link dev.tandem.server.store.CommitStats}.
 * </ul>
 */
package dev.tandem.server.store;
