package dev.tandem.ot;

import static dev.tandem.ot.PropertyCheck.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.DeltaGen.DocChange;
import dev.tandem.protocol.DeltaJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Large changes split into ops that fit a budget and compose back to the change (ChangeSplit). */
class ChangeSplitTest {
  record Input(DocChange dc, long budget) {}

  @Test
  void splittingAgainAndAgainGivesPartsWithinTheBudgetThatComposeBackToTheChange() {
    forAll("split until it fits", 2_000, r -> {
      DocChange dc = DocChange.generate(r);
      long whole = ChangeSplit.estimatedBytes(dc.a());
      return new Input(dc, 1 + r.nextLong(Math.max(2, whole + 60)));
    }, input -> {
      DocChange dc = input.dc();
      long budget = input.budget();
      List<Delta> parts = new ArrayList<>();
      Delta left = dc.a();
      Delta doc = dc.doc();
      while (!left.isEmpty()) {
        ChangeSplit.Parts p = ChangeSplit.split(left, budget);
        assertThat(p.head().compose(p.rest())).as("head ∘ rest").isEqualTo(left);
        assertThat(p.head().ops()).as("progress: the head changes the document")
            .anyMatch(op -> !(op instanceof Op.Retain retain && retain.attributes().isEmpty()));
        long estimate = ChangeSplit.estimatedBytes(p.head());
        long real = DeltaJson.write(p.head()).getBytes(StandardCharsets.UTF_8).length;
        assertThat(real).as("the estimate bounds the JSON of %s", p.head()).isLessThanOrEqualTo(estimate);
        if (estimate > budget) {
          // Only by the progress rule: plain retains, then one change (an insert of one character or
          // pair, with the delete after it when it replaces text).
          List<Op> ops = p.head().ops();
          if (ops.size() > 1 && ops.getLast() instanceof Op.Delete && ops.get(ops.size() - 2) instanceof Op.Insert) {
            ops = ops.subList(0, ops.size() - 1);
          }
          assertThat(ops.subList(0, ops.size() - 1)).as("a head over the budget: %s", p.head())
              .allMatch(op -> op instanceof Op.Retain retain && retain.attributes().isEmpty());
          assertThat(ops.getLast() instanceof Op.Insert insert ? insert.length() : 0).isLessThanOrEqualTo(2);
        }
        if (fitsWithItsFinalNewline(dc.a(), dc.doc())) {
          // The server checks each part on its own: a part must keep the final newline whenever
          // the whole change does (FinalNewline), or the server refuses it.
          assertThat(FinalNewline.misfit(p.head(), RichDocument.of(doc))).as("part %s on %s", p.head(), doc).isNull();
        }
        doc = doc.apply(p.head());
        parts.add(p.head());
        left = p.rest();
        // Each part takes at least one component or one inserted character (pair) of the change.
        assertThat(parts.size()).as("parts").isLessThanOrEqualTo(dc.a().ops().size() + insertedChars(dc.a()));
      }
      assertThat(doc).isEqualTo(dc.doc().apply(dc.a()));
    });
  }

  private static boolean fitsWithItsFinalNewline(Delta change, Delta doc) {
    return !doc.isEmpty() && doc.plainText().endsWith("\n") && change.baseLength() <= doc.length()
        && FinalNewline.misfit(change, RichDocument.of(doc)) == null;
  }

  @Test
  void aParagraphAddedBelowTheLastOneLeavesInPartsThatEachKeepTheFinalNewline() {
    // A paste after the final newline (the whole change ends with a "\n": it fits). Cut from the
    // front, the first part alone ended the document with "x…x", and the server refused it.
    RichDocument doc = RichDocument.of(Delta.document("abc\n"));
    Delta change = Delta.builder().retain(4).insert("x\uD83D\uDE00".repeat(2_000) + "\n").build();
    assertThat(FinalNewline.misfit(change, doc)).isNull();
    Delta left = change;
    while (!left.isEmpty()) {
      ChangeSplit.Parts p = ChangeSplit.split(left, 1_000);
      assertThat(FinalNewline.misfit(p.head(), doc)).as("part %s", abbreviated(p.head())).isNull();
      Op.Insert inserted = (Op.Insert) p.head().ops().getLast();
      assertThat(Character.isLowSurrogate(inserted.text().charAt(0))).as("a cut inside a pair").isFalse();
      doc.apply(p.head());
      left = p.rest();
    }
    assertThat(doc.toDelta()).isEqualTo(Delta.document("abc\n").apply(change));
  }

  @Test
  void aReplacementIsCutSoThatNoPartMakesTheDocumentLongerThanTheWholeChange() {
    // Select 5,000 characters and paste 5,000 over them: the length stays. Cut from the front, the
    // first part inserted without deleting, and a room near maxDocLength refused it.
    String before = "0123456789" + "a".repeat(5_000) + "\n";
    RichDocument doc = RichDocument.of(Delta.document(before));
    Delta change = Delta.builder().retain(10).insert("b".repeat(5_000)).delete(5_000).build();
    Delta left = change;
    while (!left.isEmpty()) {
      ChangeSplit.Parts p = ChangeSplit.split(left, 1_000);
      doc.apply(p.head());
      assertThat(doc.length()).as("after part %s", abbreviated(p.head())).isLessThanOrEqualTo(before.length());
      left = p.rest();
    }
    assertThat(doc.toDelta()).isEqualTo(Delta.document(before).apply(change));
  }

  @Test
  void aReplacementOfTheLastParagraphKeepsTheFinalNewlineInEveryPart() {
    // Replaces everything after "ab", the final newline included, by a paragraph ending with one.
    RichDocument doc = RichDocument.of(Delta.document("ab" + "c".repeat(3_000) + "\n"));
    Delta change = Delta.builder().retain(2).insert("d".repeat(5_000) + "\n").delete(3_001).build();
    assertThat(FinalNewline.misfit(change, doc)).isNull();
    Delta left = change;
    while (!left.isEmpty()) {
      ChangeSplit.Parts p = ChangeSplit.split(left, 1_000);
      assertThat(FinalNewline.misfit(p.head(), doc)).as("part %s", abbreviated(p.head())).isNull();
      doc.apply(p.head());
      left = p.rest();
    }
    assertThat(doc.text()).isEqualTo("ab" + "d".repeat(5_000) + "\n");
  }

  private static String abbreviated(Delta change) {
    String s = change.toString();
    return s.length() <= 200 ? s : s.substring(0, 100) + "…" + s.substring(s.length() - 100);
  }

  private static int insertedChars(Delta change) {
    return change.ops().stream().mapToInt(op -> op instanceof Op.Insert insert ? insert.length() : 0).sum();
  }

  @Test
  void aChangeThatFitsIsNotSplit() {
    Delta change = Delta.builder().retain(3).insert("hello", Attributes.of("bold", true)).delete(2).build();
    ChangeSplit.Parts p = ChangeSplit.split(change, ChangeSplit.estimatedBytes(change));
    assertThat(p.head()).isSameAs(change);
    assertThat(p.rest().isEmpty()).isTrue();
  }

  @Test
  void aLongInsertIsCutIntoInsertsThatFitWithoutSplittingASurrogatePair() {
    String text = "ab\uD83D\uDE00".repeat(1_000); // 4,000 units; every 4th-and-3rd a pair
    // Followed by a retain (a format of the final newline): an insert inside the document, cut
    // from its front. (Inserts after the change's last retain are cut from their end, below.)
    Delta change = Delta.builder().retain(5).insert(text).retain(1, Attributes.of("header", 1L)).build();
    ChangeSplit.Parts p = ChangeSplit.split(change, 1_001);
    Op.Insert first = (Op.Insert) p.head().ops().get(1);
    assertThat(Character.isHighSurrogate(first.text().charAt(first.text().length() - 1))).isFalse();
    assertThat(first.text().length()).isGreaterThan(100);
    assertThat(p.rest().ops().getFirst()).isEqualTo(new Op.Retain(5 + first.text().length()));
    assertThat(Delta.document("12345\n").apply(p.head()).apply(p.rest()))
        .isEqualTo(Delta.document("12345\n").apply(change));
  }
}
