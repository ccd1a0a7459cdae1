package dev.tandem.app.prefs;

import dev.tandem.protocol.Ids;
import java.util.Objects;
import java.util.Optional;

/**
 * The keys of a room this computer hosts, remembered so that the room's links can be made again
 * after a restart (the room server stores only their hashes). {@code editKey} and {@code viewKey}
 * are null when not known (a room hosted before Tandem remembered them): the owner's admin key is
 * always known. Secrets: {@link #toString()} leaves them out.
 */
public record HostedRoomKeys(String roomId, String editKey, String viewKey, String adminKey) {

  public HostedRoomKeys {
    if (!Ids.isValid(roomId) || !Ids.isValid(adminKey)
        || (editKey != null && !Ids.isValid(editKey)) || (viewKey != null && !Ids.isValid(viewKey))) {
      throw new IllegalArgumentException("not a room id and keys");
    }
  }

  /** The same room after the owner changed the edit and view keys. */
  public HostedRoomKeys withShareKeys(String edit, String view) {
    return new HostedRoomKeys(roomId, edit, view, adminKey);
  }

  /** "EDIT VIEW ADMIN", "-" for an unknown key: the form kept in the preferences. */
  String stored() {
    return orDash(editKey) + " " + orDash(viewKey) + " " + adminKey;
  }

  /** Reads {@link #stored()}; empty for anything else (a damaged preference is forgotten, not fatal). */
  static Optional<HostedRoomKeys> parse(String roomId, String stored) {
    if (stored == null) {
      return Optional.empty();
    }
    String[] k = stored.strip().split(" ");
    if (k.length != 3) {
      return Optional.empty();
    }
    try {
      return Optional.of(new HostedRoomKeys(roomId, dashToNull(k[0]), dashToNull(k[1]), k[2]));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String orDash(String key) {
    return Objects.requireNonNullElse(key, "-");
  }

  private static String dashToNull(String key) {
    return key.equals("-") ? null : key;
  }

  @Override
  public String toString() {
    return "HostedRoomKeys[" + roomId + ", keys=<redacted>]";
  }
}
