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

  record Through(java.util.List<Delta> ops, Delta change, boolean priority) {}

  /**
   * Through many ops at once (the server's rebase): exactly the step-by-step loop, for runs of
   * point edits (deletes split by inserts and deleted away included) with, sometimes, other
   * deltas among them or as the change.
   */
  @Test
  void transformThroughManyIsTheStepByStepLoop() {
    forAll("transformThrough = loop of transform", r -> {
      java.util.List<Delta> ops = new java.util.ArrayList<>();
      int n = r.nextInt(30);
      for (int i = 0; i < n; i++) {
        ops.add(r.nextInt(12) == 0 ? DeltaGen.change(r, 1 + r.nextInt(12)) : pointEdit(r));
      }
      Delta change = r.nextInt(12) == 0 ? DeltaGen.change(r, 1 + r.nextInt(12)) : pointEdit(r);
      return new Through(ops, change, r.nextBoolean());
    }, t -> {
      Delta expected = t.change();
      Delta general = t.change(); // the same loop through the general algorithm alone, which shares no code with the point-edit rules
      for (Delta op : t.ops()) {
        expected = op.transform(expected, t.priority());
        general = DeltaAlgebra.transformGeneral(op, general, t.priority());
      }
      Delta through = Delta.transformThrough(t.ops(), t.change(), t.priority());
      assertThat(through).as(t.toString()).isEqualTo(expected);
      assertThat(through).as(t.toString()).isEqualTo(general);
    });
  }

  /**
   * Positions and lengths from a small range so that ties and overlaps are common; one in eight is
   * a shape just outside what counts as a point edit (a retain with attributes, a format change,
   * an insert followed by a delete), where the fused path must hand over to the general one.
   */
  private static Delta pointEdit(SplittableRandom r) {
    if (r.nextInt(8) == 0) {
      Attributes drawn = DeltaGen.inline(r);
      Attributes format = drawn.isEmpty() ? Attributes.of("bold", true) : drawn;
      return switch (r.nextInt(4)) {
        case 0 -> Delta.builder().retain(1 + r.nextInt(5), format).insert("q").build();
        case 1 -> Delta.builder().retain(r.nextInt(5)).retain(1 + r.nextInt(3), format).build();
        case 2 -> Delta.builder().retain(1 + r.nextInt(5), format).build();
        default -> Delta.builder().retain(r.nextInt(5)).insert("q").delete(1 + r.nextInt(3)).build();
      };
    }
    Delta.Builder b = Delta.builder().retain(r.nextInt(6));
    if (r.nextBoolean()) {
      b.delete(1 + r.nextInt(4));
    } else {
      b.insert("xyz".substring(0, 1 + r.nextInt(3)), r.nextBoolean() ? Attributes.EMPTY : DeltaGen.inline(r));
    }
    return b.build();
  }
}
