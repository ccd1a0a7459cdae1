package dev.tandem.server.store;

import dev.tandem.ot.Delta;
import java.util.Objects;

/**
 * The whole document of a room at revision {@code rev}: applying the ops after {@code rev} to it
 * gives the current document.
 */
public record Snapshot(long rev, Delta document) {

  public Snapshot {
    if (rev < 0) {
      throw new IllegalArgumentException("snapshot rev must be ≥ 0, was " + rev);
    }
    Objects.requireNonNull(document, "document");
    if (!document.isDocument()) {
      throw new IllegalArgumentException("a snapshot holds a document (inserts only): " + document);
    }
  }
}
