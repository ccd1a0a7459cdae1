/**
 * The embedded {@link dev.tandem.server.store.RoomStore}: SQLite in WAL mode with
 * {@code synchronous=FULL}, one file per server.
 *
 * <p>A tour of the commit path:
 *
 * <ol>
 *   <li>{@link dev.tandem.server.store.sqlite.SqliteRoomStore} turns a call into a
 *       {@code PendingWrite} on the caller's thread ({@code SqliteWrites}: encoding — ops as JSON,
 *       snapshots in the compact {@code SnapshotCodec} form — and argument checks happen there,
 *       not on the writer).
 *   <li>{@code GroupCommitWriter} — the only thread that writes — drains every waiting write, from
 *       every room, into one transaction; each write checks before it writes, so a refused
 *       append (gap, duplicate) has nothing to undo and fails alone. One COMMIT, one fsync, then the futures
 *       complete and the {@link dev.tandem.server.store.CommitListener} hears about it.
 *   <li>Reads borrow a connection from {@code ReadConnectionPool}; WAL lets them run alongside the
 *       writer and they see every write whose future completed.
 *   <li>{@code SqliteSchema} owns the table layout, the value encodings and the schema version,
 *       and migrates an older file on open (version 1 → 2: snapshots from JSON to compact).
 * </ol>
 *
 * <p>Threads: room threads (any number) submit and read; one writer thread per store owns the
 * write connection; read connections are lent to one thread at a time.
 */
package dev.tandem.server.store.sqlite;
