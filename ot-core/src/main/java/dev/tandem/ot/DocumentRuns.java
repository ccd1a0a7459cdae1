package dev.tandem.ot;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A document in compact form: its text as one string and its formats as runs (a length and a set
 * of attributes each, no two neighbours with equal sets). The same content as the document's
 * {@link Delta}, in three objects instead of one op and one string per run: for copies of a large
 * document that live a while, such as a room's snapshot on its way to storage, where a document
 * of many short runs (many authors typing) would otherwise be millions of small objects for the
 * garbage collector to trace and copy. Immutable.
 */
public final class DocumentRuns {
  private final String text;
  private final int[] lengths;
  private final Attributes[] attributes;

  private DocumentRuns(String text, int[] lengths, Attributes[] attributes) {
    this.text = text;
    this.lengths = lengths;
    this.attributes = attributes;
  }

  /** The runs of {@code document} (inserts only). */
  public static DocumentRuns of(Delta document) {
    if (!document.isDocument()) {
      throw new IllegalArgumentException("not a document (inserts only)");
    }
    Collector collector = new Collector(document.length(), document.ops().size());
    for (Op op : document) {
      Op.Insert insert = (Op.Insert) op;
      collector.add(insert.text(), 0, insert.length(), insert.attributes());
    }
    return collector.build();
  }

  /** The runs of {@code document}: O(n), three allocations plus the growth of its buffers. */
  static DocumentRuns of(RichTree tree) {
    Collector collector = new Collector(tree.length(), 16);
    tree.visit(0, tree.length(), (chars, from, to, attributes) -> collector.add(chars, from, to, attributes));
    return collector.build();
  }

  public String text() {
    return text;
  }

  /** Length in UTF-16 code units. */
  public int length() {
    return text.length();
  }

  public int runCount() {
    return lengths.length;
  }

  public int runLength(int run) {
    return lengths[run];
  }

  public Attributes runAttributes(int run) {
    return attributes[run];
  }

  /** The canonical document Delta of this content. */
  public Delta toDelta() {
    Delta.Builder builder = Delta.builder();
    for (Op.Insert insert : inserts()) {
      builder.add(insert);
    }
    return builder.build();
  }

  /** This document with {@code change} applied: O(document). */
  public DocumentRuns apply(Delta change) {
    RichDocument document = RichDocument.of(this);
    document.apply(change);
    return document.runs();
  }

  /** The runs as inserts, made one at a time as they are iterated. */
  Iterable<Op.Insert> inserts() {
    return () -> new Iterator<>() {
      private int run;
      private int offset;

      @Override
      public boolean hasNext() {
        return run < lengths.length;
      }

      @Override
      public Op.Insert next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        int end = offset + lengths[run];
        Op.Insert insert = new Op.Insert(text.substring(offset, end), attributes[run]);
        offset = end;
        run++;
        return insert;
      }
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DocumentRuns other && text.equals(other.text) && Arrays.equals(lengths, other.lengths)
        && Arrays.equals(attributes, other.attributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, Arrays.hashCode(lengths), Arrays.hashCode(attributes));
  }

  @Override
  public String toString() {
    return "DocumentRuns[" + length() + " chars, " + runCount() + " runs]";
  }

  /** Appends pieces of text with their attributes, merging neighbours with equal sets. */
  private static final class Collector {
    private final StringBuilder text;
    private int[] lengths;
    private Attributes[] attributes;
    private int runs;

    Collector(int length, int runsHint) {
      text = new StringBuilder(length);
      lengths = new int[Math.max(4, runsHint)];
      attributes = new Attributes[lengths.length];
    }

    void add(CharSequence chars, int from, int to, Attributes set) {
      add(to - from, set);
      text.append(chars, from, to);
    }

    void add(char[] chars, int from, int to, Attributes set) {
      add(to - from, set);
      text.append(chars, from, to - from);
    }

    private void add(int length, Attributes set) {
      if (length == 0) {
        return;
      }
      if (runs > 0 && attributes[runs - 1].equals(set)) {
        lengths[runs - 1] += length;
        return;
      }
      if (runs == lengths.length) {
        lengths = Arrays.copyOf(lengths, runs * 2);
        attributes = Arrays.copyOf(attributes, runs * 2);
      }
      lengths[runs] = length;
      attributes[runs] = set;
      runs++;
    }

    DocumentRuns build() {
      return new DocumentRuns(text.toString(), Arrays.copyOf(lengths, runs), Arrays.copyOf(attributes, runs));
    }
  }
}
