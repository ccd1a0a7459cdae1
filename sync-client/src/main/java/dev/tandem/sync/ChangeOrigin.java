package dev.tandem.sync;

/** Why the editor receives a change in {@link SyncListener#onChange}. */
public enum ChangeOrigin {
  /** Other people's edits. */
  REMOTE,
  /** The result of {@link SyncSession#undo()}. */
  UNDO,
  /** The result of {@link SyncSession#redo()}. */
  REDO,
  /**
   * The document was (re)loaded: the first snapshot from the server, the journal of an earlier run,
   * or a resync after which unsent edits had to be dropped (reported through {@code onError}).
   */
  RESTORE
}
