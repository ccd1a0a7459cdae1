package dev.tandem.ot;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded generators for documents and for changes that fit a document. Sizes are modest (a
 * document has at most ~40 code units) so that 10,000 tries per law stay fast and a failing input
 * can be read in the message.
 */
final class DeltaGen {
  private DeltaGen() {}

  /** Whole code points: ASCII, a space, and two non-BMP characters (surrogate pairs). */
  private static final List<String> CHUNKS = List.of("a", "b", "c", " ", "\uD83D\uDE00", "\uD834\uDD1E");
  private static final List<String> CHANGE_CHUNKS =
      List.of("x", "y", " ", "\n", "\uD83D\uDE00", "\uD834\uDD1E");

  /** [key, value] pairs; few values per key so that equal attributes (merges, no-ops) are common. */
  private static final Object[][] INLINE_VALUES = {
      {Formats.BOLD, true}, {Formats.ITALIC, true}, {Formats.UNDERLINE, true}, {Formats.STRIKE, true},
      {Formats.CODE, true}, {Formats.LINK, "https://a.example"}, {Formats.LINK, "https://b.example"},
      {Formats.AUTHOR, "u1"}, {Formats.AUTHOR, "u2"},
  };
  private static final Object[][] BLOCK_VALUES = {
      {Formats.HEADER, 1L}, {Formats.HEADER, 2L}, {Formats.LIST, "bullet"}, {Formats.LIST, "ordered"},
      {Formats.BLOCKQUOTE, true}, {Formats.CODE_BLOCK, true}, {Formats.ALIGN, "center"},
  };

  static Attributes inline(SplittableRandom r) {
    return attributes(r, INLINE_VALUES, false);
  }

  static Attributes block(SplittableRandom r) {
    return attributes(r, BLOCK_VALUES, false);
  }

  /** Inline or block keys; with {@code removals}, some values are null ("remove"). */
  static Attributes any(SplittableRandom r, boolean removals) {
    return attributes(r, r.nextBoolean() ? INLINE_VALUES : BLOCK_VALUES, removals);
  }

  private static Attributes attributes(SplittableRandom r, Object[][] pool, boolean removals) {
    if (r.nextInt(100) < 40) {
      return Attributes.EMPTY;
    }
    Attributes.Builder b = Attributes.builder();
    for (int n = 1 + r.nextInt(2); n > 0; n--) {
      Object[] kv = pool[r.nextInt(pool.length)];
      b.put((String) kv[0], removals && r.nextInt(100) < 30 ? null : kv[1]);
    }
    return b.build();
  }

  private static String text(SplittableRandom r, List<String> chunks, int maxChunks) {
    StringBuilder sb = new StringBuilder();
    for (int n = 1 + r.nextInt(maxChunks); n > 0; n--) {
      sb.append(chunks.get(r.nextInt(chunks.size())));
    }
    return sb.toString();
  }

  /**
   * A document: runs of text with inline attributes, and paragraph ends ('\n') with block
   * attributes. May be empty.
   */
  static Delta document(SplittableRandom r) {
    Delta.Builder b = Delta.builder();
    for (int n = r.nextInt(8); n > 0; n--) {
      if (r.nextInt(4) == 0) {
        b.insert("\n", block(r));
      } else {
        b.insert(text(r, CHUNKS, 4), inline(r));
      }
    }
    return b.build();
  }

  /**
   * A change that fits a document of {@code length} code units: its retains and deletes cover at
   * most {@code length}. Retains may carry attributes including removals, inserts carry attributes
   * without removals. Cuts may fall between the halves of a surrogate pair, as in Quill.
   */
  static Delta change(SplittableRandom r, int length) {
    Delta.Builder b = Delta.builder();
    int left = length;
    for (int n = r.nextInt(7); n > 0; n--) {
      int kind = r.nextInt(4);
      if (kind == 0 || left == 0) {
        b.insert(text(r, CHANGE_CHUNKS, 3), any(r, false));
        continue;
      }
      int k = 1 + r.nextInt(Math.min(left, 8));
      left -= k;
      switch (kind) {
        case 1 -> b.retain(k);
        case 2 -> b.retain(k, any(r, true));
        default -> b.delete(k);
      }
    }
    return b.build();
  }

  /** A document and one change that fits it. */
  record DocChange(Delta doc, Delta a) {
    static DocChange generate(SplittableRandom r) {
      Delta doc = document(r);
      return new DocChange(doc, change(r, doc.length()));
    }
  }

  /** A document and two concurrent changes that fit it, with a tie-break. */
  record Concurrent(Delta doc, Delta a, Delta b, boolean priority) {
    static Concurrent generate(SplittableRandom r) {
      Delta doc = document(r);
      return new Concurrent(doc, change(r, doc.length()), change(r, doc.length()), r.nextBoolean());
    }
  }

  /** A document and three changes in sequence: a fits doc, b fits doc·a, c fits doc·a·b. */
  record Chain(Delta doc, Delta a, Delta b, Delta c) {
    static Chain generate(SplittableRandom r) {
      Delta doc = document(r);
      Delta a = change(r, doc.length());
      Delta afterA = doc.apply(a);
      Delta b = change(r, afterA.length());
      Delta c = change(r, afterA.apply(b).length());
      return new Chain(doc, a, b, c);
    }
  }
}
