package dev.tandem.app.viewmodel;

import dev.tandem.sync.RoomLink;

/**
 * A room to open. {@code editLink}/{@code viewLink} are the share links we know (both when we host
 * the room, only the one we joined with otherwise; null when unknown).
 */
public record RoomRequest(RoomLink link, String editLink, String viewLink, boolean hosted) {
  @Override
  public String toString() {
    return "RoomRequest[" + link + ", hosted=" + hosted + "]";
  }
}
