package dev.tandem.server.room;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.Ids;
import dev.tandem.protocol.Role;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.server.store.KeyHashes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** What an admin key allows: rotating keys (old links stop working) and removing a participant. */
final class RoomAdmin {
  private RoomAdmin() {}

  static void rotateKeys(Room room, Participant from, ClientMessage.RotateKeys rotate) {
    if (!from.role.canAdminister()) {
      refuse(room, from, "only the room's admin link can rotate keys");
      return;
    }
    KeyHashes old = room.record().keys();
    Map<Role, String> fresh = new EnumMap<>(Role.class);
    for (Role role : rotate.roles()) {
      fresh.put(role, Ids.random());
    }
    KeyHashes updated = new KeyHashes(
        fresh.containsKey(Role.EDIT) ? KeyHashes.sha256Hex(fresh.get(Role.EDIT)) : old.editHash(),
        fresh.containsKey(Role.VIEW) ? KeyHashes.sha256Hex(fresh.get(Role.VIEW)) : old.viewHash(),
        fresh.containsKey(Role.ADMIN) ? KeyHashes.sha256Hex(fresh.get(Role.ADMIN)) : old.adminHash());
    room.store().replaceKeys(room.id(), updated);
    room.replaceRecord(room.record().withKeys(updated));
    room.participants().reply(from, new ServerMessage.Keys(fresh));
    List<Participant> revoked = new ArrayList<>();
    for (Participant p : room.participants().all()) {
      if (p != from && fresh.containsKey(p.role)) {
        revoked.add(p);
      }
    }
    revoked.forEach(p -> room.expel(p, ErrorCode.KEY_REVOKED, "the link you joined with was replaced by the room's admin"));
  }

  static void remove(Room room, Participant from, ClientMessage.Remove remove) {
    if (!from.role.canAdminister()) {
      refuse(room, from, "only the room's admin link can remove participants");
      return;
    }
    Participant target = null;
    for (Participant p : room.participants().all()) {
      if (p.clientId.equals(remove.clientId())) {
        target = p;
      }
    }
    if (target == null) {
      room.participants().reply(from, ServerMessage.Error.of(ErrorCode.UNKNOWN_PEER,
          "no participant " + remove.clientId() + " in this room"));
      return;
    }
    room.expel(target, ErrorCode.REMOVED, "the room's admin removed you from this room");
    room.participants().reply(from, new ServerMessage.Removed(remove.clientId()));
  }

  private static void refuse(Room room, Participant from, String message) {
    room.participants().reply(from, new ServerMessage.Error(ErrorCode.FORBIDDEN, message, false, OptionalLong.empty()));
  }
}
