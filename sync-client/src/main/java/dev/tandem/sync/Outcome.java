package dev.tandem.sync;

/** What a {@link SyncSession} method did with a request. Refusals are values, not exceptions. */
public enum Outcome {
  /** Taken: it will be applied or sent. */
  ACCEPTED,
  /** The session is CLOSED or FAILED. */
  SESSION_CLOSED,
  /** The user joined with a view key: edits, undo and redo are refused. */
  READ_ONLY,
  /**
   * Needs a connection and there is none: chat while offline, or an edit before the session ever
   * received the document (no welcome yet and no journal to restore from). Keep the editor
   * read-only until the first {@code OPEN} status; after that, offline edits are fine.
   */
  NOT_CONNECTED,
  /**
   * The user's key does not allow it: rotating keys and removing participants need the room's
   * admin key ({@link SyncSession#rotateKeys}, {@link SyncSession#removeParticipant}).
   */
  NOT_ADMIN,
  /** The request itself is invalid (an empty chat line, a change that is not a change). */
  INVALID
}
