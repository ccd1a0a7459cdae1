package dev.tandem.server.room;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.Range;
import java.util.List;

/**
 * Presence (selections): transformed to the room's durable revision before it is forwarded, sent
 * only when it changed, never stored. Each participant's last selection lives on its
 * {@link Participant}. Called on the room's thread with the room loaded.
 */
final class RoomPresence {
  private RoomPresence() {}

  static void onPresence(Participant from, ClientMessage.Presence presence, RoomHistory history,
      Participants participants) {
    long rev = history.durableRev();
    if (presence.base() > rev) {
      from.connection.close(ErrorCode.BAD_BASE, "presence base " + presence.base() + " is newer than " + rev);
      return;
    }
    List<Range> ranges = PresenceTransform.to(presence.ranges(), history.ops(presence.base(), rev),
        history.durableDocumentLength());
    if (ranges.equals(from.presence) && from.presenceRev == rev) {
      return; // only on change
    }
    from.presence = ranges;
    from.presenceRev = rev;
    participants.sendToOthers(from, new ServerMessage.Presence(from.clientId, rev, ranges));
  }

  /** {@code p}'s last selection, transformed to the durable revision (for a joiner). */
  static ServerMessage.Presence atDurable(Participant p, RoomHistory history) {
    long rev = history.durableRev();
    List<Range> ranges = PresenceTransform.to(p.presence, history.ops(p.presenceRev, rev),
        history.durableDocumentLength());
    return new ServerMessage.Presence(p.clientId, rev, ranges);
  }
}
