package dev.tandem.ot;

import static dev.tandem.ot.PropertyCheck.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.DeltaGen.DocChange;
import org.junit.jupiter.api.Test;

/** The compact form of a document holds exactly its Delta's content, from a Delta or a tree. */
class DocumentRunsTest {
  @Test
  void runsFromADeltaOrATreeGiveBackTheDeltaAndApplyChangesAsTheDeltaDoes() {
    forAll("document runs", 5_000, DocChange::generate, dc -> {
      DocumentRuns fromDelta = DocumentRuns.of(dc.doc());
      assertThat(fromDelta.toDelta()).isEqualTo(dc.doc());
      assertThat(fromDelta.length()).isEqualTo(dc.doc().length());
      assertThat(fromDelta.runCount()).isEqualTo(dc.doc().ops().size()); // canonical: one run per insert
      DocumentRuns fromTree = RichDocument.of(dc.doc()).runs();
      assertThat(fromTree).isEqualTo(fromDelta);
      assertThat(RichDocument.of(fromTree).toDelta()).isEqualTo(dc.doc());
      RichDocument tree = RichDocument.of(dc.doc());
      try {
        tree.apply(dc.a());
      } catch (IllegalArgumentException refused) { // a change that splits a surrogate pair
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fromDelta.apply(dc.a()))
            .isInstanceOf(IllegalArgumentException.class);
        return;
      }
      assertThat(fromDelta.apply(dc.a()).toDelta()).isEqualTo(dc.doc().apply(dc.a())).isEqualTo(tree.toDelta());
    });
  }

  @Test
  void aLargeTreeOfManyShortRunsComesOutAsTheSameRuns() {
    Delta.Builder b = Delta.builder();
    for (int i = 0; i < 20_000; i++) {
      b.insert("ab", Attributes.of("author", "u" + (i % 7)));
    }
    Delta doc = b.insert("\n").build();
    DocumentRuns runs = RichDocument.of(doc).runs(); // leaves cut runs; neighbours merge again
    assertThat(runs.runCount()).isEqualTo(doc.ops().size());
    assertThat(runs.toDelta()).isEqualTo(doc);
  }
}
