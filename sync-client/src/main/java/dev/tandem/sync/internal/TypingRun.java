package dev.tandem.sync.internal;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;

/**
 * Consecutive plain edits (an insert or a delete at one position, no formatting) composed in
 * place as they arrive: the run is {@code retain(start) insert(text) delete(deleted)} on the
 * document before its first edit, so the next edit that touches it — typing on at its end,
 * backspacing into it, deleting around it — is one {@link StringBuilder} edit instead of a
 * {@link Delta} composition. {@link #toDelta} equals the composition of the edits it took, in
 * canonical form (inserts carry one attribute set, so they merge; Quill puts an insert before an
 * adjacent delete).
 *
 * <p>After the run, its text occupies {@code [start, start + text.length())} of the document. An
 * edit that deletes {@code [p, p + d)} and inserts at {@code p} (in the document after the run)
 * joins it when that range touches the text: {@code p ≤ start + text.length()} and
 * {@code p + d ≥ start}. Deleted characters before {@code start} or past the text are characters
 * of the document before the run, adjacent to its deleted range, so they extend {@code deleted}.
 *
 * <p>Owned by the session's engine thread, like the {@link SessionCore} that holds it.
 */
final class TypingRun {
  /** Longest text kept: an edit inside the text moves what follows it. */
  static final int MAX_TEXT = 1 << 14;

  private final StringBuilder text = new StringBuilder();
  private boolean open;
  private int start;
  private int deleted;

  boolean isOpen() {
    return open;
  }

  /**
   * Composes the edit "delete {@code d} at {@code p}, insert {@code s} at {@code p}" (on the
   * document after the run) into the run; false, and nothing changed, when it does not touch it.
   */
  boolean tryAdd(int p, int d, String s) {
    if (!open) {
      open = true;
      start = p;
      deleted = d;
      text.setLength(0);
      text.append(s);
      return true;
    }
    int end = start + text.length();
    if (p > end || p + d < start || text.length() + s.length() > MAX_TEXT) {
      return false;
    }
    if (p == end && d == 0) { // typing on
      text.append(s);
      return true;
    }
    if (p + d == end && p >= start && s.isEmpty()) { // backspacing what the run typed
      text.setLength(p - start);
      return true;
    }
    int before = p < start ? start - p : 0;
    int after = p + d > end ? p + d - end : 0;
    text.replace(Math.max(p, start) - start, Math.min(p + d, end) - start, s);
    start = Math.min(p, start);
    deleted += before + after;
    return true;
  }

  /** The run as one change, its text inserted with {@code attributes}; the run is closed. */
  Delta close(Attributes attributes) {
    Delta change = Delta.builder().retain(start).insert(text.toString(), attributes)
        .delete(deleted).build();
    open = false;
    text.setLength(0);
    return change;
  }

  /** Forgets the run (the state it belonged to was replaced). */
  void clear() {
    open = false;
    text.setLength(0);
  }
}
