/**
 * The OT client's public surface. A {@link dev.tandem.sync.SyncSession} is one person in one
 * room: the editor reports its edits with {@code submit} and applies what a
 * {@link dev.tandem.sync.SyncListener} hands it; the session keeps at most one op in flight
 * (later edits are composed into one buffer), reconnects by revision, journals pending edits to
 * disk so a crash or hours offline lose nothing, and undoes only the user's own changes.
 *
 * <p>Types: {@link dev.tandem.sync.RoomLink} (parsing room links),
 * {@link dev.tandem.sync.SyncConfig} (immutable builder), {@link dev.tandem.sync.SyncStatus},
 * {@link dev.tandem.sync.SyncError}, {@link dev.tandem.sync.ChatMessage},
 * {@link dev.tandem.sync.Outcome} (refusals as values), {@link dev.tandem.sync.ChangeOrigin}.
 * Everything else lives in {@code internal} and may change. This module never imports JavaFX.
 */
package dev.tandem.sync;
