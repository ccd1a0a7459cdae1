package dev.tandem.sync;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.Role;
import dev.tandem.protocol.Values.PeerInfo;
import dev.tandem.protocol.Values.Range;
import java.util.List;
import java.util.Map;

/**
 * Receives what happens in a {@link SyncSession}. Every method has an empty default; override what
 * you need. All calls for one session run on {@link SyncConfig#listenerExecutor()}, one at a time,
 * in order (the desktop app passes {@code Platform::runLater}). Never on the engine's thread, and
 * never while the session holds a lock.
 */
public interface SyncListener {

  /**
   * A change to apply to the editor's document, already transformed for it (it accounts for
   * every edit submitted before this call). Apply it without moving the local caret.
   */
  default void onChange(Delta change, ChangeOrigin origin) {}

  /**
   * A peer's selections in the editor's current coordinates; an empty list means none (the peer
   * left or has no focus).
   */
  default void onSelections(PeerInfo peer, List<Range> ranges) {}

  /** Someone joined the room (also once per peer already there, after each welcome). */
  default void onPeerJoined(PeerInfo peer) {}

  /** Someone left the room (their selections are gone too). */
  default void onPeerLeft(PeerInfo peer) {}

  /** A chat line, including the user's own lines as the server stored them. */
  default void onChat(ChatMessage message) {}

  /** The session's state, pending edits, round trip, revision or undo availability changed. */
  default void onStatus(SyncStatus status) {}

  /**
   * Admin only: the server replaced the keys of these roles ({@link SyncSession#rotateKeys}); the
   * old keys stopped working and every connection that joined with one of them was closed. The
   * map holds the new key of each rotated role. Keys are secrets: never log them.
   */
  default void onKeysRotated(Map<Role, String> newKeys) {}

  /**
   * Admin only: the server confirmed that {@code clientId} was removed
   * ({@link SyncSession#removeParticipant}). Its {@link #onPeerLeft} arrives as well.
   */
  default void onParticipantRemoved(String clientId) {}

  /** An error; {@link SyncError#fatal()} errors are followed by state FAILED. */
  default void onError(SyncError error) {}
}
