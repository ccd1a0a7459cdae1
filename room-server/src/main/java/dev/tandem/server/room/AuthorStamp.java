package dev.tandem.server.room;

import dev.tandem.ot.Delta;
import dev.tandem.ot.Formats;
import dev.tandem.ot.Op;

/**
 * Marks who wrote inserted text with the {@link Formats#AUTHOR} attribute. The server stamps it on
 * every committed op, so a client can neither forge authorship on its inserts nor re-attribute
 * existing text with a retain: whatever {@code author} a client sends is replaced or dropped.
 */
final class AuthorStamp {
  private AuthorStamp() {}

  static Delta stamp(Delta change, String author) {
    Delta.Builder out = Delta.builder();
    for (Op op : change) {
      switch (op) {
        case Op.Insert ins -> out.insert(ins.text(), ins.attributes().with(Formats.AUTHOR, author));
        case Op.Retain ret -> out.retain(ret.length(), ret.attributes().without(Formats.AUTHOR));
        case Op.Delete del -> out.add(del);
      }
    }
    return out.build();
  }
}
