package dev.tandem.ot;

import static dev.tandem.ot.PropertyCheck.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.DeltaGen.Chain;
import dev.tandem.ot.DeltaGen.Concurrent;
import dev.tandem.ot.DeltaGen.DocChange;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The laws of the Delta algebra, each checked on {@link PropertyCheck#tries()} (10,000 by default)
 * random documents and changes from {@link DeltaGen}. A failure prints the seed and the input in
 * {@link DeltaNotation} form.
 */
class DeltaLawsTest {

  @Test
  void applyingTwoChangesEqualsApplyingTheirComposition() {
    forAll("d·a·b = d·(a∘b)", Chain::generate, ch ->
        assertThat(ch.doc().apply(ch.a().compose(ch.b())))
            .isEqualTo(ch.doc().apply(ch.a()).apply(ch.b())));
  }

  @Test
  void composeIsAssociative() {
    forAll("(a∘b)∘c = a∘(b∘c)", Chain::generate, ch ->
        assertThat(ch.a().compose(ch.b()).compose(ch.c()))
            .isEqualTo(ch.a().compose(ch.b().compose(ch.c()))));
  }

  /** TP1 on documents: both sites end with the same document, for either tie-break. */
  @Test
  void transformedChangesConvergeOnTheDocument() {
    forAll("d·a·a.transform(b,p) = d·b·b.transform(a,!p)", Concurrent::generate, c -> {
      Delta viaA = c.doc().apply(c.a()).apply(c.a().transform(c.b(), c.priority()));
      Delta viaB = c.doc().apply(c.b()).apply(c.b().transform(c.a(), !c.priority()));
      assertThat(viaA).isEqualTo(viaB);
    });
  }

  /** TP1 as the Delta javadoc states it: the two composed changes are equal deltas, not just equal in effect. */
  @Test
  void transformedChangesComposeToEqualDeltas() {
    forAll("a∘a.transform(b,p) = b∘b.transform(a,!p)", Concurrent::generate, c ->
        assertThat(c.a().compose(c.a().transform(c.b(), c.priority())))
            .isEqualTo(c.b().compose(c.b().transform(c.a(), !c.priority()))));
  }

  @Test
  void invertUndoesTheChange() {
    forAll("d·a·a.invert(d) = d", DocChange::generate, dc ->
        assertThat(dc.doc().apply(dc.a()).apply(dc.a().invert(dc.doc()))).isEqualTo(dc.doc()));
  }

  /**
   * transformPosition agrees with transform. A caret at i is modelled as a change m inserting a
   * marker at i. {@code a.transform(m, p)} with p = true lets a's inserts at i go first, which is
   * the caret being pushed right; so the marker must land exactly at
   * {@code a.transformPosition(i, !p)}: {@code a.transform(m_i, p) = m_{a.transformPosition(i, !p)}}.
   * Deletes around i move the marker to the start of the deleted range, as transformPosition does.
   */
  @Test
  void transformPositionAgreesWithTransformOfAnInsertAtThatPosition() {
    record Caret(Delta doc, Delta a, int position, boolean priority) {}
    forAll("a.transform(marker at i, p) = marker at a.transformPosition(i, !p)", r -> {
      DocChange dc = DocChange.generate(r);
      return new Caret(dc.doc(), dc.a(), r.nextInt(dc.doc().length() + 1), r.nextBoolean());
    }, c -> {
      Delta marker = Delta.builder().retain(c.position()).insert("#", Attributes.of("marker", true)).build();
      int moved = c.a().transformPosition(c.position(), !c.priority());
      Delta expected = Delta.builder().retain(moved).insert("#", Attributes.of("marker", true)).build();
      assertThat(c.a().transform(marker, c.priority())).isEqualTo(expected);
      // and the marker really is there in the document after both changes
      Delta after = c.doc().apply(c.a()).apply(expected);
      assertThat(after.slice(moved, moved + 1)).isEqualTo(Delta.builder().insert("#", Attributes.of("marker", true)).build());
    });
  }

  @Test
  void operationsDoNotChangeTheirInputs() {
    forAll("inputs unchanged", Concurrent::generate, c -> {
      List<Delta> inputs = List.of(c.doc(), c.a(), c.b());
      List<List<Op>> opsBefore = inputs.stream().map(d -> List.copyOf(d.ops())).toList();
      List<String> textBefore = inputs.stream().map(Delta::toString).toList();
      c.doc().apply(c.a());
      c.a().compose(c.b());
      c.a().transform(c.b(), c.priority());
      c.a().transformPosition(c.doc().length() / 2, c.priority());
      c.a().invert(c.doc());
      c.a().slice(1, 3);
      c.a().concat(c.b());
      assertThat(inputs.stream().map(d -> List.copyOf(d.ops())).toList()).isEqualTo(opsBefore);
      assertThat(inputs.stream().map(Delta::toString).toList()).isEqualTo(textBefore);
    });
  }

  @Test
  void resultsAreCanonical() {
    forAll("compose/transform/invert results are canonical", Chain::generate, ch -> {
      Delta afterA = ch.doc().apply(ch.a());
      for (Delta d : List.of(ch.doc(), ch.a(), ch.b(), afterA, ch.a().compose(ch.b()),
          ch.a().transform(ch.b(), true), ch.b().transform(ch.a(), false), ch.a().invert(ch.doc()),
          ch.b().invert(afterA))) {
        assertCanonical(d);
      }
    });
  }

  /**
   * The builder normalizes exactly as Quill's {@code push} + {@code chop} (ported literally in
   * {@link #quillPushAndChop}), ignores zero-length calls, and its output is canonical and a fixed
   * point.
   */
  @Test
  void builderNormalizesLikeQuillPush() {
    record Call(char kind, String text, int length, Attributes attributes) {
      @Override
      public String toString() {
        return kind + (kind == '+' ? '"' + text + '"' : String.valueOf(length)) + attributes;
      }
    }
    Attributes[] pool = {Attributes.EMPTY, Attributes.of("bold", true), Attributes.of("bold", null)};
    forAll("builder = Quill push + chop", r -> {
      List<Call> calls = new ArrayList<>();
      for (int n = r.nextInt(9); n > 0; n--) {
        char kind = "+=-".charAt(r.nextInt(3));
        int length = r.nextInt(3);
        Attributes attributes = kind == '-' ? Attributes.EMPTY : pool[r.nextInt(kind == '+' ? 2 : 3)];
        calls.add(new Call(kind, "ab".substring(0, length), length, attributes));
      }
      return calls;
    }, calls -> {
      Delta.Builder b = Delta.builder();
      List<Op> model = new ArrayList<>();
      for (Call call : calls) {
        switch (call.kind()) {
          case '+' -> b.insert(call.text(), call.attributes());
          case '=' -> b.retain(call.length(), call.attributes());
          default -> b.delete(call.length());
        }
        if (call.length() > 0) { // Quill's insert/retain/delete skip empty ops before push
          quillPush(model, switch (call.kind()) {
            case '+' -> new Op.Insert(call.text(), call.attributes());
            case '=' -> new Op.Retain(call.length(), call.attributes());
            default -> new Op.Delete(call.length());
          });
        }
      }
      Delta built = b.build();
      assertThat(built.ops()).isEqualTo(quillChop(model));
      assertCanonical(built);
      assertThat(Delta.of(built.ops())).isEqualTo(built);
    });
  }

  /** A naive per-character model of applying a change; the real apply must agree with it. */
  @Test
  void applyAgreesWithAPerCharacterModel() {
    forAll("apply = per-character model", DocChange::generate, dc -> {
      record Cell(char c, Attributes attributes) {}
      List<Cell> cells = new ArrayList<>();
      for (Op op : dc.doc()) {
        Op.Insert ins = (Op.Insert) op;
        for (char c : ins.text().toCharArray()) {
          cells.add(new Cell(c, ins.attributes()));
        }
      }
      int at = 0;
      for (Op op : dc.a()) {
        switch (op) {
          case Op.Insert ins -> {
            for (char c : ins.text().toCharArray()) {
              cells.add(at++, new Cell(c, ins.attributes()));
            }
          }
          case Op.Retain ret -> {
            for (int k = 0; k < ret.length(); k++, at++) {
              Cell cell = cells.get(at);
              cells.set(at, new Cell(cell.c(), Attributes.compose(cell.attributes(), ret.attributes(), false)));
            }
          }
          case Op.Delete del -> {
            for (int k = 0; k < del.length(); k++) {
              cells.remove(at);
            }
          }
        }
      }
      Delta.Builder expected = Delta.builder();
      cells.forEach(cell -> expected.insert(String.valueOf(cell.c()), cell.attributes()));
      assertThat(dc.doc().apply(dc.a())).isEqualTo(expected.build());
    });
  }

  @Test
  void notationRoundTrips() {
    forAll("parse(toString(d)) = d", Chain::generate, ch -> {
      for (Delta d : List.of(ch.doc(), ch.a(), ch.b())) {
        assertThat(DeltaNotation.delta(d.toString())).isEqualTo(d);
      }
    });
  }

  // --- canonical form --------------------------------------------------------------------

  static void assertCanonical(Delta d) {
    List<Op> ops = d.ops();
    for (int i = 0; i + 1 < ops.size(); i++) {
      Op x = ops.get(i);
      Op y = ops.get(i + 1);
      boolean mergeable = (x instanceof Op.Insert && y instanceof Op.Insert
              || x instanceof Op.Retain && y instanceof Op.Retain) && x.attributes().equals(y.attributes())
          || x instanceof Op.Delete && y instanceof Op.Delete;
      assertThat(mergeable).as("ops %d and %d of %s can merge", i, i + 1, d).isFalse();
      assertThat(x instanceof Op.Delete && y instanceof Op.Insert)
          .as("delete before insert at %d in %s", i, d).isFalse();
    }
    if (!ops.isEmpty()) {
      assertThat(ops.getLast() instanceof Op.Retain r && r.attributes().isEmpty())
          .as("trailing plain retain in %s", d).isFalse();
    }
  }

  // --- Quill's Delta.push and chop, ported line by line (quill-delta 5.1.0 src/Delta.ts) ---

  static void quillPush(List<Op> ops, Op newOp) {
    int index = ops.size();
    Op lastOp = index > 0 ? ops.get(index - 1) : null;
    if (lastOp != null) {
      if (newOp instanceof Op.Delete nd && lastOp instanceof Op.Delete ld) {
        ops.set(index - 1, new Op.Delete(ld.length() + nd.length()));
        return;
      }
      if (lastOp instanceof Op.Delete && newOp instanceof Op.Insert) {
        index -= 1;
        lastOp = index > 0 ? ops.get(index - 1) : null;
        if (lastOp == null) {
          ops.addFirst(newOp);
          return;
        }
      }
      if (newOp.attributes().equals(lastOp.attributes())) {
        if (newOp instanceof Op.Insert ni && lastOp instanceof Op.Insert li) {
          ops.set(index - 1, new Op.Insert(li.text() + ni.text(), ni.attributes()));
          return;
        } else if (newOp instanceof Op.Retain nr && lastOp instanceof Op.Retain lr) {
          ops.set(index - 1, new Op.Retain(lr.length() + nr.length(), nr.attributes()));
          return;
        }
      }
    }
    ops.add(index, newOp);
  }

  static List<Op> quillChop(List<Op> ops) {
    List<Op> out = new ArrayList<>(ops);
    if (!out.isEmpty() && out.getLast() instanceof Op.Retain r && r.attributes().isEmpty()) {
      out.removeLast();
    }
    return out;
  }

  /** Self-check of the harness: a false law must fail with the seed and the input in the message. */
  @Test
  void aFalseLawFailsWithSeedAndInput() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PropertyCheck.forAll("a∘b = b∘a", 1_000, 42L,
            Chain::generate, ch -> assertThat(ch.a().compose(ch.b())).isEqualTo(ch.b().compose(ch.a()))))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("seed: ")
        .hasMessageContaining("-Dtandem.seed=")
        .hasMessageContaining("input: Chain[doc=");
  }

  @Test
  void triesDefaultToTenThousandAndAreAllRun() {
    assertThat(PropertyCheck.DEFAULT_TRIES).isEqualTo(10_000);
    int[] count = {0};
    int ran = forAll("counting", SplittableRandom::nextInt, x -> count[0]++);
    assertThat(count[0]).isEqualTo(ran).isEqualTo(PropertyCheck.tries());
  }
}
