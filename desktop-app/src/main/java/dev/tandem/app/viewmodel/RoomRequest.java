package dev.tandem.app.viewmodel;

import dev.tandem.sync.KnownDocument;
import dev.tandem.sync.RoomLink;

/**
 * A room to open. {@code editLink}/{@code viewLink} are the share links we know (both when we host
 * the room, only the one we joined with otherwise; null when unknown). {@code known} is the room's
 * document when this app just created the room from it (a file opened into a new room), else null:
 * the session then starts from it instead of waiting for the server to send it back.
 */
public record RoomRequest(RoomLink link, String editLink, String viewLink, boolean hosted, KnownDocument known) {

  public RoomRequest(RoomLink link, String editLink, String viewLink, boolean hosted) {
    this(link, editLink, viewLink, hosted, null);
  }

  /** The same request without the document (for keeping after the session took it). */
  public RoomRequest withoutKnownDocument() {
    return known == null ? this : new RoomRequest(link, editLink, viewLink, hosted, null);
  }

  @Override
  public String toString() {
    return "RoomRequest[" + link + ", hosted=" + hosted + (known == null ? "" : ", " + known) + "]";
  }
}
