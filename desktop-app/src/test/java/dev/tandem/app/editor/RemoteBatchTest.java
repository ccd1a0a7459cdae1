package dev.tandem.app.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Formats;
import dev.tandem.ot.PropertyCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The composing logic behind applying remote changes that arrive together as one (plain logic). */
class RemoteBatchTest {

  /** A document, changes applying one after another, and a selection on the document. */
  record Case(Delta document, List<Delta> changes, int anchor, int caret) {
    @Override
    public String toString() {
      return "doc " + document + ", changes " + changes + ", selection " + anchor + ".." + caret;
    }
  }

  @Test
  void theComposedBatchMakesTheSameDocumentAndSelectionAsApplyingEachChange() {
    PropertyCheck.forAll("batch = changes one by one", 3000, RemoteBatchTest::generate, c -> {
      RemoteBatch batch = new RemoteBatch();
      batch.start(c.anchor(), c.caret());
      Delta oneByOne = c.document();
      int anchor = c.anchor();
      int caret = c.caret();
      for (Delta change : c.changes()) {
        batch.add(change);
        oneByOne = oneByOne.compose(change);
        anchor = change.transformPosition(anchor, false);
        caret = change.transformPosition(caret, false);
      }
      assertThat(batch.size()).isEqualTo(c.changes().size());
      assertThat(c.document().compose(batch.composed())).isEqualTo(oneByOne);
      assertThat(batch.anchor()).isEqualTo(anchor);
      assertThat(batch.caret()).isEqualTo(caret);
    });
  }

  @Test
  void twoPeopleTypingInDifferentParagraphsBecomeOneChangeWithTheCaretKeptInPlace() {
    Delta doc = Delta.document("one\ntwo\nthree\n");
    RemoteBatch batch = new RemoteBatch();
    batch.start(5, 5); // "t|wo"
    batch.add(Delta.builder().retain(3).insert("A").build()); // "oneA"
    batch.add(Delta.builder().retain(14).insert("B").build()); // "threeB" (after the "A")
    batch.add(Delta.builder().retain(1).delete(1).build()); // "oe"
    assertThat(doc.compose(batch.composed()).plainText()).isEqualTo("oeA\ntwo\nthreeB\n");
    assertThat(batch.caret()).isEqualTo(5); // still after the "t": +1 for "A", -1 for the delete
    assertThat(batch.anchor()).isEqualTo(5);
  }

  @Test
  void anInsertRightAtTheCaretPushesItAsApplyingItAloneWould() {
    RemoteBatch batch = new RemoteBatch();
    batch.start(2, 2);
    batch.add(Delta.builder().retain(2).insert("x").build());
    batch.add(Delta.builder().retain(2).delete(1).build()); // deletes that "x" again
    assertThat(batch.composed().isEmpty() || batch.composed().ops().stream().allMatch(o -> o instanceof dev.tandem.ot.Op.Retain))
        .isTrue();
    assertThat(batch.caret()).isEqualTo(2);
  }

  @Test
  void aBatchStartsOnlyWhenTheLastOneWasTakenAndClearedEmptiesIt() {
    RemoteBatch batch = new RemoteBatch();
    assertThat(batch.isEmpty()).isTrue();
    batch.start(0, 0);
    batch.add(Delta.builder().insert("a").build());
    assertThat(batch.isEmpty()).isFalse();
    assertThatThrownBy(() -> batch.start(0, 0)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("1 changes");
    batch.clear();
    assertThat(batch.isEmpty()).isTrue();
    assertThat(batch.size()).isZero();
    batch.start(1, 1);
    assertThat(batch.caret()).isEqualTo(1);
  }

  private static final Attributes BOLD = Attributes.of(Formats.BOLD, true);

  private static Case generate(SplittableRandom r) {
    StringBuilder text = new StringBuilder();
    int n = r.nextInt(0, 20);
    for (int i = 0; i < n; i++) {
      text.append(r.nextInt(5) == 0 ? '\n' : (char) ('a' + r.nextInt(3)));
    }
    Delta doc = Delta.document(text.append('\n').toString());
    List<Delta> changes = new ArrayList<>();
    Delta current = doc;
    for (int k = r.nextInt(1, 6); k > 0; k--) {
      Delta change = change(r, current.length());
      changes.add(change);
      current = current.compose(change);
    }
    return new Case(doc, changes, r.nextInt(0, doc.length()), r.nextInt(0, doc.length()));
  }

  /** A change for a document of {@code length}: retains, inserts, deletes and bold, never the final '\n'. */
  private static Delta change(SplittableRandom r, int length) {
    Delta.Builder b = Delta.builder();
    int pos = 0;
    int editable = length - 1;
    while (pos < editable && r.nextInt(4) != 0) {
      int step = r.nextInt(1, Math.min(4, editable - pos) + 1);
      switch (r.nextInt(4)) {
        case 0 -> b.retain(step);
        case 1 -> b.retain(step, BOLD);
        case 2 -> b.delete(step);
        default -> {
          b.insert(r.nextBoolean() ? "x" : "y\n", r.nextBoolean() ? BOLD : Attributes.EMPTY);
          continue;
        }
      }
      pos += step;
    }
    if (r.nextBoolean()) {
      b.insert("z");
    }
    return b.build();
  }
}
