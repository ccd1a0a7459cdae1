package dev.tandem.server.it;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Formats;

/** Deltas as a well-behaved client makes them: its own inserts stamped with its client id. */
final class Edits {
  private Edits() {}

  static Delta insert(int at, String text, String author) {
    return Delta.builder().retain(at).insert(text, Attributes.of(Formats.AUTHOR, author)).build();
  }

  static Delta delete(int at, int length) {
    return Delta.builder().retain(at).delete(length).build();
  }

  static Delta bold(int at, int length) {
    return Delta.builder().retain(at).retain(length, Attributes.of("bold", true)).build();
  }
}
