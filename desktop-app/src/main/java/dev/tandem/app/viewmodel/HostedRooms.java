package dev.tandem.app.viewmodel;

import dev.tandem.app.host.HostingFailedException;
import dev.tandem.app.host.LocalHost;
import dev.tandem.app.host.LocalHost.HostedRoom;
import dev.tandem.app.prefs.HostedRoomKeys;
import dev.tandem.app.prefs.UserPreferences;
import dev.tandem.sync.RoomLink;
import java.util.Optional;

/**
 * The rooms this computer hosts, as the start screen opens them again. A link (recent, pasted,
 * from the command line) to a room whose data is in the local store opens with this computer's
 * current address and port, whatever address and port it names: the embedded server may have
 * come back on another port, and the LAN address may have changed. The owner's own link (the
 * admin key this computer remembers for the room) reopens it as the owner, with its edit and
 * read-only links made again from the remembered keys.
 *
 * <p>{@link #resolve} blocks (it may start the server): background thread. The rest only reads and
 * writes preferences (thread-safe) and may run on any thread.
 */
final class HostedRooms {
  private final UserPreferences prefs;
  private final LocalHost host;

  HostedRooms(UserPreferences prefs, LocalHost host) {
    this.prefs = prefs;
    this.host = host;
  }

  /** What a link turned out to be. */
  sealed interface Resolution {
    /** Not a room this computer hosts: join the link as it is. */
    record Elsewhere() implements Resolution {}

    /** A room this computer hosts: open {@code request} (current address and port). */
    record HostedHere(RoomRequest request) implements Resolution {}

    /** This computer hosted the room, but its data is no longer in the local store. */
    record Gone(String message) implements Resolution {}
  }

  /**
   * Whether the link may be to a room hosted here, cheaply: this computer remembers hosting it,
   * the link gave the owner's role, or the server runs and can say. False means join as it is.
   */
  boolean mayBeHostedHere(RoomLink link, String text) {
    return prefs.hostedRoom(link.roomId()).isPresent() || "admin".equals(prefs.recentRoomRole(text))
        || host.listening() != null;
  }

  /**
   * Blocking: asks the local store (starting the server when this computer hosted before; a
   * computer that never hosted has no store, and none is made: the link is someone else's).
   */
  Resolution resolve(RoomLink link, String text) throws HostingFailedException {
    Optional<HostedRoomKeys> keys = prefs.hostedRoom(link.roomId());
    boolean owner = keys.map(k -> k.adminKey().equals(link.key())).orElse(false)
        || "admin".equals(prefs.recentRoomRole(text));
    Optional<HostedRoom> here = owner
        ? host.hostedRoom(link.roomId(), keys.map(HostedRoomKeys::editKey).orElse(null),
            keys.map(HostedRoomKeys::viewKey).orElse(null), link.key())
        : host.hostedRoom(link.roomId(), null, null, link.key());
    if (here.isEmpty()) {
      return keys.isPresent() && owner
          ? new Resolution.Gone("This room was hosted on this computer, but its data is no longer in "
              + "Tandem's folder. If you moved or restored that folder, put it back and try again.")
          : new Resolution.Elsewhere();
    }
    HostedRoom room = here.get();
    RoomLink current = RoomLink.parse(room.adminLink()); // the link's own key, current address
    return new Resolution.HostedHere(owner
        ? new RoomRequest(current, room.editLink(), room.viewLink(), true, null, true)
        : new RoomRequest(current, room.adminLink(), null, false));
  }

  /**
   * Blocking: the room this computer hosted last, opened as its owner at the current address and
   * port, while its data is in the local store; empty otherwise (never hosted, or its data gone).
   */
  Optional<RoomRequest> lastHostedRoom() throws HostingFailedException {
    Optional<HostedRoomKeys> last = prefs.lastHostedRoom();
    if (last.isEmpty()) {
      return Optional.empty();
    }
    HostedRoomKeys k = last.get();
    return host.hostedRoom(k.roomId(), k.editKey(), k.viewKey(), k.adminKey())
        .map(room -> new RoomRequest(RoomLink.parse(room.adminLink()), room.editLink(), room.viewLink(), true, null, true));
  }

  /** Remembers a room just created here: its keys, and that it is the one to reopen at launch. */
  void created(HostedRoom room) {
    RoomLink admin = RoomLink.parse(room.adminLink());
    prefs.setHostedRoom(new HostedRoomKeys(room.id(), RoomLink.parse(room.editLink()).key(),
        RoomLink.parse(room.viewLink()).key(), admin.key()));
    prefs.setLastHostedRoom(room.id());
  }

  /**
   * Remembers that the owner reopened a room hosted here, with the keys of the links it opens with
   * (a room from before keys were kept gains its entry; a key the request does not know stays as
   * remembered).
   */
  void reopenedAsOwner(RoomRequest request) {
    String id = request.link().roomId();
    Optional<HostedRoomKeys> known = prefs.hostedRoom(id);
    String edit = keyOf(request.editLink()).orElse(known.map(HostedRoomKeys::editKey).orElse(null));
    String view = keyOf(request.viewLink()).orElse(known.map(HostedRoomKeys::viewKey).orElse(null));
    prefs.setHostedRoom(new HostedRoomKeys(id, edit, view, request.link().key()));
    prefs.setLastHostedRoom(id);
  }

  private static Optional<String> keyOf(String link) {
    return link == null ? Optional.empty() : Optional.of(RoomLink.parse(link).key());
  }
}
