package dev.tandem.sync.internal;

import static dev.tandem.ot.PropertyCheck.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link UndoStack} rebases entries far from a remote change by moving offsets instead of
 * transforming; this checks it against the plain rebase (every entry transformed by every remote
 * change, below as {@link Eager}): for random interleavings of local edits, remote edits, undo and
 * redo on a random document, every undo and redo yields the same document and the same
 * can-undo/can-redo.
 * Groups never merge here (a negative pause), so each local edit is one entry in both.
 */
class UndoStackRebasePropertyTest {

  /** The plain rebase (UndoStack before Dec 5), one entry per recorded inverse. */
  private static final class Eager {
    final List<Delta> undo = new ArrayList<>();
    final List<Delta> redo = new ArrayList<>();

    void transform(Delta remote) {
      rebase(undo, remote);
      rebase(redo, remote);
    }

    private static void rebase(List<Delta> stack, Delta remote) {
      Delta r = remote;
      for (int i = stack.size() - 1; i >= 0; i--) {
        Delta entry = stack.get(i);
        Delta rebased = r.transform(entry, true);
        r = entry.transform(r, false);
        if (rebased.ops().stream().allMatch(op -> op instanceof Op.Retain ret && ret.attributes().isEmpty())) {
          stack.remove(i);
        } else {
          stack.set(i, rebased);
        }
      }
    }
  }

  private record Script(String initial, long seed, int steps) {}

  @Test
  void undoesAndRedoesAsThePlainRebase() {
    forAll("undo stack = plain rebase", 2_000,
        r -> new Script(text(r, 1 + r.nextInt(40)), r.nextLong(), 10 + r.nextInt(150)), script -> {
          SplittableRandom r = new SplittableRandom(script.seed());
          UndoStack stack = new UndoStack(-1, 1_000);
          Eager eager = new Eager();
          Delta doc = Delta.document(script.initial() + "\n");
          long now = 0;
          for (int step = 0; step < script.steps(); step++) {
            int action = r.nextInt(10);
            if (action < 3) { // a local edit
              Delta change = change(r, doc.length());
              Delta inverse = change.invert(doc);
              stack.record(change, inverse, now++);
              if (!inverse.isEmpty()) { // (an edit that changes nothing is not recorded)
                eager.undo.add(inverse);
                eager.redo.clear();
              }
              doc = doc.apply(change);
            } else if (action < 8) { // a remote edit
              Delta change = change(r, doc.length());
              stack.transform(change);
              eager.transform(change);
              doc = doc.apply(change);
            } else { // undo or redo
              boolean isUndo = action == 8;
              assertThat(isUndo ? stack.canUndo() : stack.canRedo()).as("can %s at step %d", isUndo ? "undo" : "redo", step)
                  .isEqualTo(!(isUndo ? eager.undo : eager.redo).isEmpty());
              Delta a = isUndo ? stack.popUndo() : stack.popRedo();
              List<Delta> eagerStack = isUndo ? eager.undo : eager.redo;
              Delta b = eagerStack.isEmpty() ? null : eagerStack.removeLast();
              if (a == null) {
                assertThat(b).as("step %d", step).isNull();
                continue;
              }
              assertThat(doc.apply(a)).as("document after %s at step %d", isUndo ? "undo" : "redo", step)
                  .isEqualTo(doc.apply(b));
              Delta inverse = a.invert(doc);
              if (isUndo) {
                stack.pushRedo(inverse);
                if (!inverse.isEmpty()) {
                  eager.redo.add(inverse);
                }
              } else {
                stack.pushUndo(inverse);
                if (!inverse.isEmpty()) {
                  eager.undo.add(inverse);
                }
              }
              doc = doc.apply(a);
            }
          }
          assertThat(stack.canUndo()).isEqualTo(!eager.undo.isEmpty());
          assertThat(stack.canRedo()).isEqualTo(!eager.redo.isEmpty());
        });
  }

  private static final Attributes BOLD = Attributes.of("bold", true);

  private static String text(SplittableRandom r, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append(r.nextInt(6) == 0 ? ' ' : (char) ('a' + r.nextInt(4)));
    }
    return s.toString();
  }

  /** A change on a document of {@code length} (whose last character, its final newline, stays). */
  private static Delta change(SplittableRandom r, int length) {
    Delta.Builder b = Delta.builder();
    int left = length - 1;
    for (int n = 1 + r.nextInt(3); n > 0; n--) {
      int kind = r.nextInt(4);
      if (kind == 0 || left == 0) {
        b.insert(text(r, 1 + r.nextInt(3)), r.nextInt(4) == 0 ? BOLD : Attributes.EMPTY);
        continue;
      }
      int k = 1 + r.nextInt(Math.min(left, 5));
      left -= k;
      switch (kind) {
        case 1 -> b.retain(k);
        case 2 -> b.retain(k, BOLD);
        default -> b.delete(k);
      }
    }
    return b.build();
  }
}
