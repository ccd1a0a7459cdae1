package dev.tandem.sync;

import dev.tandem.ot.Delta;
import dev.tandem.ot.Op;
import java.util.Objects;

/**
 * A room's document at one revision, exactly as the server stores it, that the caller already
 * holds — the host that just created the room from a file it read
 * ({@code RoomServer.createRoom(Delta)} stores it as the room's revision 0). A session started from
 * it ({@link SyncSession#connect(RoomLink, dev.tandem.protocol.Values.User, SyncConfig, SyncListener,
 * KnownDocument)}) joins by revision, so the server does not send the document back.
 *
 * <p>The caller vouches for it: a document that differs from the server's at {@code revision}
 * would make this client diverge from the room (the protocol carries no checksum to catch it).
 *
 * @param revision the room's revision this document is at (≥ 0)
 * @param document inserts only, ending with {@code "\n"}
 */
public record KnownDocument(long revision, Delta document) {
  public KnownDocument {
    Objects.requireNonNull(document, "document");
    if (revision < 0) {
      throw new IllegalArgumentException("revision " + revision + " is negative");
    }
    if (!document.isDocument() || document.isEmpty()
        || !(document.ops().getLast() instanceof Op.Insert last && last.text().endsWith("\n"))) {
      throw new IllegalArgumentException("not a document ending with a newline");
    }
  }

  @Override
  public String toString() {
    return "KnownDocument[revision=" + revision + ", length=" + document.length() + "]";
  }
}
