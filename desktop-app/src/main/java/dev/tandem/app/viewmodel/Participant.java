package dev.tandem.app.viewmodel;

import dev.tandem.protocol.Role;
import dev.tandem.protocol.Values.PeerInfo;

/**
 * One row of the participants list: who, and whether they are typing now. Immutable; the list
 * replaces a row when its typing state changes, so list cells redraw.
 */
public record Participant(PeerInfo peer, boolean typing) {

  public String clientId() {
    return peer.clientId();
  }

  /** "Bo", "Bo (reading)", "Bo (owner)", with " — typing…" while typing. */
  public String label() {
    String role = switch (peer.role()) {
      case VIEW -> " (reading)";
      case ADMIN -> " (owner)";
      case EDIT -> "";
    };
    return peer.user().name() + role + (typing ? " — typing…" : "");
  }

  public boolean canEdit() {
    return peer.role() != Role.VIEW;
  }
}
