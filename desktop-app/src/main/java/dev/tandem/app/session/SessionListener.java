package dev.tandem.app.session;

import dev.tandem.app.session.Collab.ChatLine;
import dev.tandem.app.session.Collab.Failure;
import dev.tandem.app.session.Collab.Joined;
import dev.tandem.app.session.Collab.Peer;
import dev.tandem.app.session.Collab.Range;
import dev.tandem.app.session.Collab.Status;
import dev.tandem.ot.Delta;
import java.util.List;

/**
 * Callbacks from a {@link CollabSession}, all on the executor given at connect time (the FX thread
 * in the app). Every method has an empty default.
 */
public interface SessionListener {
  /** The room welcomed us (also after a reconnect that had to replace the document). */
  default void joined(Joined joined) {}

  /** Someone else's change, already transformed to apply to the local document as it is now. */
  default void remoteChange(Delta change) {}

  /** A peer's selections in local-document positions; an empty list removes them. */
  default void remoteSelections(String clientId, List<Range> ranges) {}

  default void peers(List<Peer> peers) {}

  default void chat(ChatLine line) {}

  default void status(Status status) {}

  default void failure(Failure failure) {}
}
