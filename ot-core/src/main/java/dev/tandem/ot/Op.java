package dev.tandem.ot;

import java.util.Objects;

/**
 * One operation of a {@link Delta}: insert text, retain (keep, optionally reformat) or delete a run
 * of the document. Lengths are UTF-16 code units (Java {@code char}s). Every op has a length of at
 * least one; the {@link Delta.Builder} drops empty ones before they are made.
 */
public sealed interface Op permits Op.Insert, Op.Retain, Op.Delete {

  /** Number of UTF-16 code units this op covers (inserted, retained or deleted). Always ≥ 1. */
  int length();

  /** Formatting carried by the op; {@link Attributes#EMPTY} for none and always for deletes. */
  Attributes attributes();

  /**
   * Inserts {@code text} formatted with {@code attributes}. Attributes on an insert cannot hold
   * {@code null} ("remove") values: new text has nothing to remove.
   */
  record Insert(String text, Attributes attributes) implements Op {
    public Insert {
      Objects.requireNonNull(text, "text");
      if (text.isEmpty()) {
        throw new IllegalArgumentException("insert text must not be empty");
      }
      attributes = attributes == null ? Attributes.EMPTY : attributes;
      if (attributes.hasRemovals()) {
        throw new IllegalArgumentException(
            "insert attributes must not contain null (remove) values: " + attributes);
      }
    }

    public Insert(String text) {
      this(text, Attributes.EMPTY);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public String toString() {
      return "+" + quote(text) + (attributes.isEmpty() ? "" : attributes.toString());
    }
  }

  /**
   * Keeps {@code length} characters; non-empty {@code attributes} reformat them ({@code null}
   * values remove an attribute).
   */
  record Retain(int length, Attributes attributes) implements Op {
    public Retain {
      if (length <= 0) {
        throw new IllegalArgumentException("retain length must be positive, was " + length);
      }
      attributes = attributes == null ? Attributes.EMPTY : attributes;
    }

    public Retain(int length) {
      this(length, Attributes.EMPTY);
    }

    @Override
    public String toString() {
      return "=" + length + (attributes.isEmpty() ? "" : attributes.toString());
    }
  }

  /** Deletes {@code length} characters. */
  record Delete(int length) implements Op {
    public Delete {
      if (length <= 0) {
        throw new IllegalArgumentException("delete length must be positive, was " + length);
      }
    }

    @Override
    public Attributes attributes() {
      return Attributes.EMPTY;
    }

    @Override
    public String toString() {
      return "-" + length;
    }
  }

  private static String quote(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        default -> sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
