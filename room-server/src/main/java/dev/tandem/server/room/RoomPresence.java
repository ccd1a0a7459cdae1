package dev.tandem.server.room;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.Range;
import dev.tandem.server.store.StoredOp;
import java.util.List;

/**
 * Presence (selections): transformed to the room's durable revision before it is forwarded, sent
 * only when it changed, never stored. Each participant's last selection lives on its
 * {@link Participant}. Called on the room's thread with the room loaded.
 */
final class RoomPresence {
  private RoomPresence() {}

  /**
   * A presence made at a base older than memory is moved forward through storage, off the room's
   * thread ({@link StaleMessages}), unless it names no ranges (nothing to move: no read) or lies
   * more than {@code maxStaleRevisions} revisions before memory: then it is dropped, without an
   * error — moving it would read more history than a reconnect is given ({@code maxCatchUpOps}),
   * and any participant, viewers included, could otherwise make the server read a long history
   * again with every presence frame. The peer's next move shows its selection.
   */
  static void onPresence(Participant from, ClientMessage.Presence presence, RoomHistory history,
      Participants participants, StaleMessages stale, long maxStaleRevisions) {
    long rev = history.durableRev();
    if (presence.base() > rev) {
      participants.expel(from, ErrorCode.BAD_BASE, "presence base " + presence.base() + " is newer than " + rev);
      return;
    }
    List<StoredOp> since = presence.ranges().isEmpty() ? List.of() : history.opsInMemory(presence.base(), rev);
    if (since == null) {
      if (history.forgottenUpTo() - presence.base() > maxStaleRevisions) {
        return;
      }
      // Older than memory: moved forward off this thread, then handled again (StaleMessages).
      stale.read(from, presence, presence.base(), history.forgottenUpTo());
      return;
    }
    List<Range> ranges = PresenceTransform.to(presence.ranges(), since, history.durableDocumentLength());
    if (ranges.equals(from.presence) && from.presenceRev == rev) {
      return; // only on change
    }
    from.presence = ranges;
    from.presenceRev = rev;
    participants.sendToOthers(from, new ServerMessage.Presence(from.clientId, rev, ranges));
  }

  /**
   * {@code p}'s last selection, transformed to the durable revision (for a joiner); null in the
   * rare case that memory no longer has the ops since it was made (see {@link #keepCurrent}: then
   * the joiner learns it with the peer's next move rather than the room waiting for storage).
   */
  static ServerMessage.Presence atDurable(Participant p, RoomHistory history) {
    long rev = history.durableRev();
    List<StoredOp> since = history.opsInMemory(p.presenceRev, rev);
    if (since == null) {
      return null;
    }
    List<Range> ranges = PresenceTransform.to(p.presence, since, history.durableDocumentLength());
    return new ServerMessage.Presence(p.clientId, rev, ranges);
  }

  /**
   * Moves every kept selection that lags more than {@code maxLag} revisions behind the durable
   * revision up to it, so that the ops it was made before are still in memory when a joiner needs
   * it ({@link #atDurable}). Called after each durable batch (with a quarter of the memory window:
   * memory keeps at least that many ops beyond the ones accepted since the last batch), and with
   * {@code maxLag} 0 before the room hibernates (the next activation's memory starts at the
   * durable revision). Nothing is sent: the selection is the same, named at a later revision.
   */
  static void keepCurrent(Participants participants, RoomHistory history, long maxLag) {
    long rev = history.durableRev();
    for (Participant p : participants.all()) {
      if (p.presence.isEmpty() || rev - p.presenceRev <= maxLag) {
        continue;
      }
      List<StoredOp> since = history.opsInMemory(p.presenceRev, rev);
      if (since != null) {
        p.presence = PresenceTransform.to(p.presence, since, history.durableDocumentLength());
        p.presenceRev = rev;
      }
    }
  }
}
