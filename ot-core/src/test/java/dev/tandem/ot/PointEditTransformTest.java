package dev.tandem.ot;

import static dev.tandem.ot.PropertyCheck.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The O(1) transform of two point edits (a plain retain, then one insert or one delete: what
 * typing sends) gives exactly the general algorithm's delta, for either tie-break, including
 * edits at the same place, touching and overlapping deletes, and inserts inside deleted ranges.
 */
class PointEditTransformTest {
  record Pair(Delta a, Delta b, boolean priority) {}

  @Test
  void pointEditsTransformLikeTheGeneralAlgorithm() {
    forAll("point edits: transform = transformGeneral", r -> new Pair(pointEdit(r), pointEdit(r), r.nextBoolean()), p -> {
      assertThat(p.a().transform(p.b(), p.priority()))
          .isEqualTo(DeltaAlgebra.transformGeneral(p.a(), p.b(), p.priority()));
      assertThat(p.b().transform(p.a(), p.priority()))
          .isEqualTo(DeltaAlgebra.transformGeneral(p.b(), p.a(), p.priority()));
    });
  }

  /** Positions and lengths from a small range so that ties and overlaps are common. */
  private static Delta pointEdit(SplittableRandom r) {
    Delta.Builder b = Delta.builder().retain(r.nextInt(6));
    if (r.nextBoolean()) {
      b.delete(1 + r.nextInt(4));
    } else {
      b.insert("xyz".substring(0, 1 + r.nextInt(3)), r.nextBoolean() ? Attributes.EMPTY : DeltaGen.inline(r));
    }
    return b.build();
  }
}
