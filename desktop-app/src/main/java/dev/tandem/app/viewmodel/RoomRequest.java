package dev.tandem.app.viewmodel;

import dev.tandem.sync.KnownDocument;
import dev.tandem.sync.RoomLink;

/**
 * A room to open. {@code editLink}/{@code viewLink} are the share links we know (both when we host
 * the room, only the one we joined with otherwise; null when unknown). {@code known} is the room's
 * document when this app just created the room from it (a file opened into a new room), else null:
 * the session then starts from it instead of waiting for the server to send it back.
 * {@code hosted}: this computer hosts the room and we open it as its owner. {@code reopened}: a
 * hosted room opened again (from recent rooms, a saved link, or at launch) rather than just
 * created, so its links are not announced and copied as a new room's are.
 */
public record RoomRequest(RoomLink link, String editLink, String viewLink, boolean hosted, KnownDocument known,
    boolean reopened) {

  public RoomRequest(RoomLink link, String editLink, String viewLink, boolean hosted) {
    this(link, editLink, viewLink, hosted, null, false);
  }

  public RoomRequest(RoomLink link, String editLink, String viewLink, boolean hosted, KnownDocument known) {
    this(link, editLink, viewLink, hosted, known, false);
  }

  /** The same request without the document (for keeping after the session took it). */
  public RoomRequest withoutKnownDocument() {
    return known == null ? this : new RoomRequest(link, editLink, viewLink, hosted, null, reopened);
  }

  /** A room this app has just created: its links are shown and the edit link copied. */
  public boolean justCreated() {
    return hosted && !reopened;
  }

  @Override
  public String toString() {
    return "RoomRequest[" + link + ", hosted=" + hosted + (reopened ? ", reopened" : "")
        + (known == null ? "" : ", " + known) + "]";
  }
}
