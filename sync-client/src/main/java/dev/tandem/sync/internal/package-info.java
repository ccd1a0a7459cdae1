/**
 * How a session works; nothing here is API.
 *
 * <ul>
 *   <li>{@link dev.tandem.sync.internal.ClientState}: the ot.js state machine (Synchronized /
 *       AwaitingConfirm / AwaitingWithBuffer), pure transitions returning a
 *       {@link dev.tandem.sync.internal.Step} of effects.</li>
 *   <li>{@link dev.tandem.sync.internal.SessionCore}: the protocol logic with no threads or
 *       sockets: welcome and catch-up (own op recognised by clientId + seq), acks, remote ops,
 *       rejection, presence mapping, author stamping, undo, journal writes and replay.</li>
 *   <li>{@link dev.tandem.sync.internal.SessionEngine}: the {@code SyncSession}: one engine thread,
 *       reconnects with backoff and jitter, presence throttling, listener dispatch.</li>
 *   <li>{@link dev.tandem.sync.internal.EditorChannel}: two-site OT between the UI thread's editor
 *       and the engine, so neither waits for the other.</li>
 *   <li>{@link dev.tandem.sync.internal.Journal}: the per-room durable journal (length-prefixed,
 *       CRC-32C records; fsync before an edit counts).</li>
 *   <li>{@link dev.tandem.sync.internal.UndoStack}: own-changes undo with ot.js semantics.</li>
 *   <li>{@link dev.tandem.sync.internal.Transport} / {@link dev.tandem.sync.internal.OkHttpTransport}:
 *       the WebSocket edge.</li>
 * </ul>
 */
package dev.tandem.sync.internal;
