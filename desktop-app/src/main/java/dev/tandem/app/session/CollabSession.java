package dev.tandem.app.session;

import dev.tandem.app.session.Collab.Range;
import dev.tandem.ot.Delta;
import java.util.List;

/**
 * One connection to one room, seen from the editor. Lifecycle: CONNECTING → OPEN ⇄ RECONNECTING →
 * CLOSED (by {@link #close()}) or FAILED (terminal error). Methods are called on the FX thread and
 * never block on the network.
 */
public interface CollabSession extends AutoCloseable {

  /** A local change, made against the local document as it is now. */
  void submit(Delta change);

  /** Our selections in local-document positions (throttling is the session's business). */
  void setSelection(List<Range> ranges);

  void sendChat(String text);

  /**
   * Undoes our own most recent change (never someone else's). Returns the change that was applied
   * to the local document — the caller applies it to the editor — or {@link Delta#EMPTY}.
   */
  Delta undo();

  /** The counterpart of {@link #undo()}. */
  Delta redo();

  @Override
  void close();
}
