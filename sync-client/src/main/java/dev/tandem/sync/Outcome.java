package dev.tandem.sync;

/** What a {@link SyncSession} method did with a request. Refusals are values, not exceptions. */
public enum Outcome {
  /** Taken: it will be applied or sent. */
  ACCEPTED,
  /** The session is CLOSED or FAILED. */
  SESSION_CLOSED,
  /** The user joined with a view key: edits, undo and redo are refused. */
  READ_ONLY,
  /** Needs an open connection (chat) and there is none right now. */
  NOT_CONNECTED,
  /** The request itself is invalid (an empty chat line, a change that is not a change). */
  INVALID
}
