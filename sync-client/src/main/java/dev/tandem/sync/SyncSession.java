package dev.tandem.sync;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.Role;
import dev.tandem.protocol.Values.Range;
import dev.tandem.protocol.Values.User;
import dev.tandem.sync.internal.SessionEngine;
import java.util.List;
import java.util.Set;

/**
 * One person's live connection to one room: local edits go up, everyone else's edits, selections,
 * chat and presence come down to a {@link SyncListener}. Obtain one with {@link #connect}.
 *
 * <h2>Lifecycle</h2>
 * <pre>
 *   CONNECTING ──welcome──▶ OPEN ──socket lost──▶ RECONNECTING ──welcome──▶ OPEN …
 *       │                    │                        │
 *       └── terminal error ──┴──── close() ───────────┴──▶ CLOSED    (terminal error ──▶ FAILED)
 * </pre>
 * {@link State#CLOSED} follows {@link #close()}; {@link State#FAILED} follows an error the session
 * cannot recover from by reconnecting (unknown room, bad or revoked key, removed, a newer session
 * with the same client id, a corrupt journal that cannot be used). Both are terminal. While
 * CONNECTING or RECONNECTING, editing keeps working: edits are journalled (when a journal directory
 * is configured) and sent once the session is OPEN again.
 *
 * <h2>The document contract</h2>
 * The caller's editor starts from the empty document {@code "\n"}. It applies every change the
 * listener receives in {@link SyncListener#onChange} in order, and reports every edit its user
 * makes with {@link #submit}, as a delta on the editor's document at that moment. Calls to
 * {@code submit}, {@code undo}, {@code redo} and {@code setSelection} must come from the thread
 * that runs the listener executor (the UI thread): the session reconciles edits made there with
 * changes still on their way there, so neither side ever has to wait for the other.
 *
 * <p>Inserted text carries an {@code author} attribute naming the inserting client; the session
 * stamps the user's own inserts with {@link #clientId()} exactly as the server does, so an
 * editor that displays authorship should do the same for its own typing.
 *
 * <h2>Refusals</h2>
 * Methods never throw for an ordinary refusal (the session is closed, the user may only view):
 * they return an {@link Outcome} instead. Work that fails later (the server rejects an op) is
 * reported through {@link SyncListener#onError}.
 */
public interface SyncSession extends AutoCloseable {

  /** Where a session is in its lifecycle (see the type's diagram). */
  enum State {
    /** The first connection is being made; edits are accepted and queued. */
    CONNECTING,
    /** Joined: edits flow both ways. */
    OPEN,
    /** The connection was lost; retrying with backoff. Edits are accepted and queued. */
    RECONNECTING,
    /** Closed by {@link #close()}. Terminal. */
    CLOSED,
    /** Stopped by an error that reconnecting cannot fix. Terminal. */
    FAILED;

    /** True for CLOSED and FAILED. */
    public boolean isTerminal() {
      return this == CLOSED || this == FAILED;
    }
  }

  /**
   * Opens a session and starts connecting in the background; returns at once. With a journal
   * directory in {@code config}, the room's journal there is read first, in the background too:
   * pending edits from an earlier run are restored (delivered to {@link SyncListener#onChange} as
   * {@link ChangeOrigin#RESTORE}) and sent exactly once. Edits submitted before the session has a
   * document (restored, or welcomed) are refused with {@link Outcome#NOT_CONNECTED}.
   */
  static SyncSession connect(RoomLink link, User user, SyncConfig config, SyncListener listener) {
    return SessionEngine.start(link, user, config, listener);
  }

  /**
   * Opens a session that starts from a document the caller already holds (the host that just
   * created the room from a file): the session is at {@code known.revision()} with that document
   * from the start, edits are accepted at once, and it joins with {@code since}, so the server sends
   * only the ops committed after that revision instead of the whole document again.
   *
   * <p>The document contract is unchanged: the known document reaches
   * {@link SyncListener#onChange} as the session's first change ({@link ChangeOrigin#RESTORE},
   * from {@code "\n"}), delivered at once, before any connection is made. Returns without waiting
   * for the session to take it in (building its documents and writing the journal's snapshot of
   * it, which for 10 MB takes a while): edits submitted meanwhile are handled after that.
   *
   * <p>When the room's journal already holds state from an earlier session (the room is not new
   * to this client), the journal wins, exactly as with {@link #connect(RoomLink, User, SyncConfig,
   * SyncListener)}, and {@code known} is not used.
   */
  static SyncSession connect(RoomLink link, User user, SyncConfig config, SyncListener listener,
      KnownDocument known) {
    return SessionEngine.start(link, user, config, listener, known);
  }

  /**
   * Optional: runs the session's code once in memory — no socket, no file, no room — so that the
   * first real session of the process does not run cold (class loading, interpreted code). An app
   * calls it while it is idle (its start screen); it costs a few hundred ms of one core in a fresh
   * JVM and nothing after. Any thread.
   */
  static void warmUp() {
    dev.tandem.sync.internal.WarmUp.run();
  }

  /** The room this session is in. */
  String roomId();

  /**
   * This session's client id: random, kept across reconnects and restored from the journal. Right
   * after {@link #connect} a journalled session may still be reading its journal; then this waits
   * for it (ask once the session has delivered its document, and it returns at once).
   */
  String clientId();

  /** The current state (a snapshot; {@link SyncListener#onStatus} reports changes). */
  State state();

  /** The last reported status. */
  SyncStatus status();

  /**
   * A local edit, made on the editor's current document. Returns at once, without waiting for a
   * disk or the network: {@link Outcome#ACCEPTED} means the session took it. The session journals
   * it (when a journal directory is configured: written and forced to disk) before it is ever sent,
   * and sends it when the connection allows; an edit that does not fit the document is reported
   * through {@link SyncListener#onError} ({@code invalid-edit}). Before the session has a document
   * (no welcome yet, nothing restored) it returns {@link Outcome#NOT_CONNECTED}.
   */
  Outcome submit(Delta change);

  /**
   * Completes once every edit submitted before this call is in the journal on disk (at once if the
   * session has no journal, or is closed). {@link #close()} journals queued edits before it returns
   * too; this is for callers that must know earlier (tests, an explicit save).
   */
  java.util.concurrent.CompletableFuture<Void> journalled();

  /** The user's selections (a caret is a range with anchor = head); sent on change, throttled. */
  Outcome setSelection(List<Range> ranges);

  /** Sends a chat line (needs an open connection: it is not queued). */
  Outcome sendChat(String text);

  /**
   * Undoes the user's last own change group (never anyone else's text). The change arrives through
   * {@link SyncListener#onChange} with {@link ChangeOrigin#UNDO}; {@link SyncStatus#canUndo()}
   * says whether there is anything to undo.
   */
  Outcome undo();

  /** Redoes the last undone group; arrives as {@link ChangeOrigin#REDO}. */
  Outcome redo();

  /**
   * Room owner only (joined with the admin key): asks the server to replace the keys of
   * {@code roles} with fresh ones. Old keys stop working at once and people who joined with them
   * are disconnected ({@code key-revoked}); this session stays. The new keys arrive in
   * {@link SyncListener#onKeysRotated}. Needs an open connection (not queued). Refused with
   * {@link Outcome#NOT_ADMIN} for any other key, {@link Outcome#NOT_CONNECTED} while not OPEN,
   * {@link Outcome#INVALID} for an empty set.
   *
   * <p>The default refuses with {@link Outcome#NOT_ADMIN} (sessions that cannot administer).
   */
  default Outcome rotateKeys(Set<Role> roles) {
    return Outcome.NOT_ADMIN;
  }

  /**
   * Room owner only: disconnects the participant {@code clientId} (it gets {@code removed}; the
   * others see it leave). Removal does not revoke a key: rotate keys to keep someone out. The
   * server's confirmation arrives in {@link SyncListener#onParticipantRemoved}; an unknown
   * participant is reported through {@link SyncListener#onError} ({@code unknown-peer}). Refusals
   * as for {@link #rotateKeys}; {@link Outcome#INVALID} for a malformed id or our own.
   *
   * <p>The default refuses with {@link Outcome#NOT_ADMIN}.
   */
  default Outcome removeParticipant(String clientId) {
    return Outcome.NOT_ADMIN;
  }

  /**
   * Closes the connection (close code 1000) and the journal; pending edits stay in the journal for
   * the next session on this room. Idempotent. Listener calls already queued may still run.
   */
  @Override
  void close();
}
