/**
 * The OT client: a {@code SyncSession} per room, an ot.js-style state machine (one op in flight,
 * later edits composed into a buffer), the WebSocket transport, the local journal and own-changes
 * undo. This module never imports JavaFX; listener callbacks go out on an executor the caller gives.
 */
package dev.tandem.sync;
