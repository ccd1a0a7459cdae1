package dev.tandem.server.room;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Formats;
import dev.tandem.ot.Op;

/**
 * Marks who wrote inserted text with the {@link Formats#AUTHOR} attribute. The server stamps it on
 * every committed op, so a client can neither forge authorship on its inserts nor re-attribute
 * existing text with a retain: whatever {@code author} a client sends is replaced or dropped.
 *
 * <p>An insert whose attributes are only the author's stamp, or nothing (what typing sends), gets
 * the participant's one stamp instance ({@link Participant#authorStamp}) rather than a copy of its
 * own: the document's runs of one author then share one {@link Attributes}, which the run merges of
 * the document tree and the snapshot's attribute table compare by identity before by content.
 */
final class AuthorStamp {
  private AuthorStamp() {}

  static Delta stamp(Delta change, String author) {
    return stamp(change, author(author));
  }

  /** {@code {author: clientId}}: a participant's stamp, made once per participant. */
  static Attributes author(String clientId) {
    return Attributes.of(Formats.AUTHOR, clientId);
  }

  /** {@code stamp} is {@link #author}'s result for the sender. */
  static Delta stamp(Delta change, Attributes stamp) {
    Delta.Builder out = Delta.builder();
    for (Op op : change) {
      switch (op) {
        case Op.Insert ins -> out.insert(ins.text(), stamped(ins.attributes(), stamp));
        case Op.Retain ret -> out.retain(ret.length(), ret.attributes().without(Formats.AUTHOR));
        case Op.Delete del -> out.add(del);
      }
    }
    return out.build();
  }

  private static Attributes stamped(Attributes sent, Attributes stamp) {
    if (sent.isEmpty() || sent.equals(stamp)) {
      return stamp;
    }
    return sent.with(Formats.AUTHOR, stamp.get(Formats.AUTHOR));
  }
}
