package dev.tandem.ot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link RichDocument#of} builds its tree bottom-up; the result is a valid, editable tree. */
class RichDocumentBulkBuildTest {

  private static final int[][] SHAPES = {{4, 3}, {5, 3}, {8, 4}, {8, 7}, {16, 5}, {64, 32}, {512, 32}};

  @Test
  void bulkBuiltTreesHoldTheDocumentKeepTheInvariantsAndStayEditable() {
    Random random = new Random(17);
    for (int round = 0; round < 120; round++) {
      int[] shape = SHAPES[round % SHAPES.length];
      int length = switch (round % 4) {
        case 0 -> random.nextInt(10);
        case 1 -> random.nextInt(200);
        case 2 -> random.nextInt(3_000);
        default -> 20_000 + random.nextInt(20_000);
      };
      Delta expected = RichDocumentRandomTest.randomDocument(random, length);
      String context = "round " + round + ", shape " + shape[0] + "/" + shape[1] + ", length " + expected.length();
      RichDocument bulk = RichDocument.of(expected, shape[0], shape[1]);
      bulk.checkInvariants();
      assertThat(bulk.toDelta()).as(context).isEqualTo(expected);
      RichDocument inserted = RichDocument.ofByInserts(expected, shape[0], shape[1]);
      assertThat(bulk.paragraphCount()).as(context).isEqualTo(inserted.paragraphCount());
      RichDocumentRandomTest.checkLookups(random, bulk, expected, context);
      for (int step = 0; step < 60; step++) {
        Delta change = RichDocumentRandomTest.randomChange(random, expected.length());
        expected = expected.apply(change);
        bulk.apply(change);
        bulk.checkInvariants();
        assertThat(bulk.toDelta()).as(context + ", step " + step).isEqualTo(expected);
      }
      RichDocumentRandomTest.checkLookups(random, bulk, expected, context);
    }
  }

  @Test
  void surrogatePairsAcrossLeafBoundariesAreKept() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      text.append(i % 3 == 0 ? "\uD83D\uDE00" : "a");
    }
    Delta doc = Delta.builder().insert(text.toString()).insert("\n", Attributes.of("header", 1L)).build();
    for (int[] shape : SHAPES) {
      RichDocument bulk = RichDocument.of(doc, shape[0], shape[1]);
      bulk.checkInvariants();
      assertThat(bulk.toDelta()).isEqualTo(doc);
      assertThat(bulk.text()).isEqualTo(text + "\n");
    }
  }
}
