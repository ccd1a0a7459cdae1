package dev.tandem.sync.internal;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.FinalNewline;
import dev.tandem.ot.Op;
import dev.tandem.ot.RichDocument;

/** Pure helpers on local changes: author stamping, inversion against a document, fit checks. */
public final class Changes {
  /** The server-stamped attribute naming whoever inserted a character (docs/protocol.md §3). */
  public static final String AUTHOR = "author";

  /** The last client id stamped and its {@code {author: id}}: typing stamps plain inserts. */
  private static volatile AuthorOnly authorOnly = new AuthorOnly("", Attributes.of(AUTHOR, ""));

  private record AuthorOnly(String clientId, Attributes attributes) {}

  private Changes() {}

  /** {@code {author: clientId}}, the stamp of a plain insert; one instance while the id stays. */
  static Attributes authorOnly(String clientId) {
    AuthorOnly cached = authorOnly;
    if (!cached.clientId().equals(clientId)) {
      cached = new AuthorOnly(clientId, Attributes.of(AUTHOR, clientId));
      authorOnly = cached;
    }
    return cached.attributes();
  }

  /**
   * The change as the server will commit it from {@code clientId}: every insert carries
   * {@code author = clientId}, no retain carries {@code author}. Applying the stamped change
   * locally keeps the local document equal to the server's.
   */
  public static Delta stamp(Delta change, String clientId) {
    Attributes plain = authorOnly(clientId);
    Delta.Builder b = Delta.builder();
    for (Op op : change) {
      switch (op) {
        case Op.Insert ins -> b.insert(ins.text(), ins.attributes().isEmpty() ? plain
            : ins.attributes().with(AUTHOR, clientId));
        case Op.Retain ret -> b.retain(ret.length(), ret.attributes().without(AUTHOR));
        case Op.Delete del -> b.delete(del.length());
      }
    }
    return b.build();
  }

  /**
   * The change that undoes {@code change} on {@code base} (the document before it), reading only
   * the ranges it touches: O(change size · log n), unlike {@link Delta#invert} which walks the
   * whole document. Law: {@code base.apply(change).apply(invert(change, base)) = base}.
   */
  public static Delta invert(Delta change, RichDocument base) {
    Delta.Builder b = Delta.builder();
    int index = 0;
    for (Op op : change) {
      switch (op) {
        case Op.Insert ins -> b.delete(ins.length());
        case Op.Retain ret when ret.attributes().isEmpty() -> {
          b.retain(ret.length());
          index += ret.length();
        }
        case Op.Retain ret -> {
          for (Op baseOp : base.slice(index, index + ret.length())) {
            b.retain(baseOp.length(), Attributes.invert(ret.attributes(), baseOp.attributes()));
          }
          index += ret.length();
        }
        case Op.Delete del -> {
          b.addAll(base.slice(index, index + del.length()));
          index += del.length();
        }
      }
    }
    return b.build();
  }

  /**
   * Null when {@code change} can be applied to {@code document} (which ends with the final "\n"),
   * else why not: it covers too much, or leaves the document without a final "\n" ({@link
   * FinalNewline}: the server refuses both, docs/protocol.md §3, "fit").
   */
  public static String misfit(Delta change, RichDocument document) {
    int needed = change.baseLength();
    if (needed > document.length()) {
      return "the change covers " + needed + " characters but the document has " + document.length();
    }
    return FinalNewline.misfit(change, document);
  }
}
