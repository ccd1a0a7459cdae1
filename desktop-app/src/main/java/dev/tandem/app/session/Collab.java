package dev.tandem.app.session;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.Role;
import java.util.List;

/**
 * The app's view of one live room: the few value types the editor and the view-models exchange with
 * a {@link CollabSession}. Kept here (not in sync-client) so the UI can be built and tested against
 * a fake room; {@link SyncCollabSession} adapts the real client.
 */
public final class Collab {
  private Collab() {}

  /** Connection state as the status bar shows it. */
  public enum State { CONNECTING, OPEN, RECONNECTING, CLOSED, FAILED }

  /** A selection; a caret has {@code anchor == head}. Positions are UTF-16 indices of the local document. */
  public record Range(int anchor, int head) {
    public int from() { return Math.min(anchor, head); }
    public int to() { return Math.max(anchor, head); }
    public Range map(Delta change) {
      return new Range(change.transformPosition(anchor, false), change.transformPosition(head, false));
    }
  }

  /** Someone in the room (not us). */
  public record Peer(String clientId, String name, String color, Role role) {}

  /** A chat line; {@code mine} when we sent it. */
  public record ChatLine(String id, String clientId, String name, String color, String text, long ts, boolean mine) {}

  /**
   * What the status bar shows.
   *
   * @param pendingEdits local changes not yet acknowledged by the server
   * @param rttMillis last measured round trip, or -1 when unknown
   * @param retryInMillis when reconnecting: time to the next attempt, or -1
   */
  public record Status(State state, int pendingEdits, long rttMillis, long revision, long retryInMillis) {
    public static Status connecting() { return new Status(State.CONNECTING, 0, -1, 0, -1); }
  }

  /** Who we are once the room has welcomed us. */
  public record Joined(String clientId, Role role, Delta document, List<Peer> peers, List<ChatLine> chat) {}

  /** A failure the user must see; {@code code} is null for client-side failures (bad link, unreachable). */
  public record Failure(ErrorCode code, String detail, boolean fatal) {}
}
