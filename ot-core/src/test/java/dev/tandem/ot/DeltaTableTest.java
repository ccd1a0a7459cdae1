package dev.tandem.ot;

import static dev.tandem.ot.DeltaNotation.delta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hand-written cases in {@link DeltaNotation}: every pair of op kinds in compose and transform,
 * transformPosition, invert, builder normalization and length mismatches. Rows read
 * {@code a | b | expected}; {@code []} is the empty delta.
 */
class DeltaTableTest {

  @ParameterizedTest(name = "{0} ∘ {1} = {2}")
  @CsvSource(delimiter = '|', textBlock = """
      # insert ∘ insert: the later insert at 0 goes first
      +"a"              | +"b"              | +"ba"
      # insert ∘ retain: formats the inserted text; null removes, and vanishes from the insert
      +"ab"             | =1{bold}          | +"a"{bold} +"b"
      +"a"{bold}        | =1{bold=null}     | +"a"
      +"a"{bold}        | =1{italic}        | +"a"{bold, italic}
      # insert ∘ delete: cancel out
      +"ab"             | -1                | +"b"
      +"ab"             | =1 -1             | +"a"
      # retain ∘ insert
      =1{bold}          | +"x"              | +"x" =1{bold}
      # retain ∘ retain: attributes compose and keep null
      =2{bold}          | =1{italic}        | =1{bold, italic} =1{bold}
      =1{bold}          | =1{bold=null}     | =1{bold=null}
      =1{bold=null}     | =1{italic}        | =1{bold=null, italic}
      =1{link="a"}      | =1{link="b"}      | =1{link="b"}
      =1                | =1                | []
      # retain ∘ delete
      =1{bold}          | -1                | -1
      =2                | =1 -1             | =1 -1
      # delete ∘ insert: canonical order puts the insert first
      -1                | +"x"              | +"x" -1
      # delete ∘ retain: the retain applies after the deleted text
      -1                | =1{bold}          | -1 =1{bold}
      # delete ∘ delete
      -1                | -1                | -2
      # Quill's cases
      +"Hello"          | =4 +"X"           | +"HellXo"
      =4 +"Hello"       | -9                | -4
      +"ab"{bold}       | =1 -1 +"c"{italic}| +"a"{bold} +"c"{italic}
      """)
  void compose(String a, String b, String expected) {
    assertThat(delta(a).compose(delta(b))).isEqualTo(delta(expected));
  }

  @ParameterizedTest(name = "{0}.transform({1}, {2}) = {3}")
  @CsvSource(delimiter = '|', textBlock = """
      # insert / insert: priority decides who goes first
      +"A"              | +"B"                  | true  | =1 +"B"
      +"A"              | +"B"                  | false | +"B"
      # insert / retain and insert / delete: shifted past the insert
      +"A"              | =1{bold}              | true  | =1 =1{bold}
      +"A"              | =1{bold}              | false | =1 =1{bold}
      +"A"              | -1                    | true  | =1 -1
      +"A"              | -1                    | false | =1 -1
      # delete / insert
      -1                | +"B"                  | true  | +"B"
      -1                | +"B"                  | false | +"B"
      # delete / retain and delete / delete: nothing left to format or delete
      -1                | =1{bold}              | true  | []
      -1                | =1{bold}              | false | []
      -1                | -1                    | true  | []
      -1                | -1                    | false | []
      =1 -1             | -2                    | true  | -1
      # retain / insert
      =1{bold}          | +"B"                  | true  | +"B"
      =1{bold}          | +"B"                  | false | +"B"
      =1                | =1 +"B"               | true  | =1 +"B"
      # retain / retain: with priority a's keys win, without b overwrites
      =1{link="a"}      | =1{bold, link="b"}    | true  | =1{bold}
      =1{link="a"}      | =1{bold, link="b"}    | false | =1{bold, link="b"}
      =1{bold}          | =1{bold=null}         | true  | []
      =1{bold}          | =1{bold=null}         | false | =1{bold=null}
      =1{bold=null}     | =1{bold}              | true  | []
      =1                | =1{bold}              | true  | =1{bold}
      # retain / delete
      =1{bold}          | -1                    | true  | -1
      =1{bold}          | -1                    | false | -1
      # Quill's combined case
      +"A" =1{bold} -1  | +"B" =1{italic} -1    | true  | =1 +"B" =1{italic}
      """)
  void transform(String a, String b, boolean priority, String expected) {
    assertThat(delta(a).transform(delta(b), priority)).isEqualTo(delta(expected));
  }

  @ParameterizedTest(name = "{0}.transformPosition({1}, {2}) = {3}")
  @CsvSource(delimiter = '|', textBlock = """
      # insert before the position
      +"A"       | 2 | false | 3
      +"A"       | 2 | true  | 3
      # insert at the position: pushed right unless priority
      =2 +"A"    | 2 | false | 3
      =2 +"A"    | 2 | true  | 2
      +"A"       | 0 | false | 1
      +"A"       | 0 | true  | 0
      # insert after the position
      =3 +"A"    | 2 | false | 2
      =3 +"A"    | 2 | true  | 2
      # delete before, covering, at, after
      -2         | 4 | false | 2
      =1 -2      | 4 | true  | 2
      =1 -4      | 3 | false | 1
      =2 -2      | 2 | false | 2
      =3 -1      | 2 | false | 2
      # delete then insert at the same spot
      =1 +"AB" -2 | 2 | true | 3
      =1 +"AB" -2 | 2 | false | 3
      """)
  void transformPosition(String a, int index, boolean priority, int expected) {
    assertThat(delta(a).transformPosition(index, priority)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{1}.invert({0}) = {2}")
  @CsvSource(delimiter = '|', textBlock = """
      # insert → delete
      +"123456"                   | =2 +"A"                 | =2 -1
      # delete → insert of the formatted text it removed
      +"12"{bold} +"34"{italic}   | =1 -2                   | =1 +"2"{bold} +"3"{italic}
      # retain with attributes → restore each base run's values
      +"ab"{bold} +"cd"           | =1 =2{bold=null, italic} | =1 =1{bold, italic=null} =1{bold=null, italic=null}
      +"ab"{bold}                 | =2{bold=null}           | =2{bold}
      +"ab"{link="x"}             | =1{link="y"}            | =1{link="x"}
      +"ab"{bold}                 | =1{bold}                | []
      # plain retain stays plain
      +"abc"                      | =2 -1                   | =2 +"c"
      """)
  void invert(String base, String change, String expected) {
    Delta inverted = delta(change).invert(delta(base));
    assertThat(inverted).isEqualTo(delta(expected));
    assertThat(delta(base).apply(delta(change)).apply(inverted)).isEqualTo(delta(base));
  }

  @ParameterizedTest(name = "{0} normalizes to {1}")
  @CsvSource(delimiter = '|', textBlock = """
      # merge inserts with equal attributes only
      +"a" +"b"                 | +"ab"
      +"a"{bold} +"b"{bold}     | +"ab"{bold}
      +"a"{bold} +"b"           | +"a"{bold} +"b"
      # merge retains (a trailing plain one is then chopped)
      =1{bold} =2{bold}         | =3{bold}
      =1 =2 +"x"                | =3 +"x"
      =1{bold} =2               | =1{bold}
      # merge deletes
      -1 -2                     | -3
      # an insert after a delete goes before it, merging with the insert before the delete
      -1 +"x"                   | +"x" -1
      =1 -2 +"x"                | =1 +"x" -2
      +"a" -2 +"b"              | +"ab" -2
      +"a"{bold} -2 +"b"        | +"a"{bold} +"b" -2
      +"a" -1 +"b" -1           | +"ab" -2
      -1 =1 +"x"                | -1 =1 +"x"
      # trailing plain retain chopped, formatted one kept
      +"a" =3                   | +"a"
      =2                        | []
      =2{bold}                  | =2{bold}
      -1 =3                     | -1
      """)
  void builderNormalizes(String raw, String expected) {
    Delta built = Delta.of(DeltaNotation.ops(raw));
    assertThat(built.ops()).isEqualTo(DeltaNotation.ops(expected));
  }

  @Test
  void builderIgnoresZeroLengthCalls() {
    Delta built = Delta.builder().insert("").retain(0).delete(0).insert("a").delete(0).insert("", Attributes.of("bold", true))
        .retain(0, Attributes.of("bold", true)).insert("b").build();
    assertThat(built).isEqualTo(delta("+\"ab\""));
    assertThat(Delta.builder().insert("").retain(0).delete(0).build()).isEqualTo(Delta.EMPTY);
  }

  @Test
  void applyPastTheEndNamesBothLengths() {
    // (a plain "=5" is chopped to the empty change, which fits any document)
    assertThat(Delta.document("abc").apply(delta("=5"))).isEqualTo(Delta.document("abc"));
    assertThatThrownBy(() -> Delta.document("abc").apply(delta("=5{bold}")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5").hasMessageContaining("3");
    assertThatThrownBy(() -> Delta.document("abc").apply(delta("=2 -4")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6").hasMessageContaining("3");
    assertThat(Delta.document("abc").apply(delta("=1 -2"))).isEqualTo(Delta.document("a"));
  }

  @Test
  void invertPastTheEndNamesBothLengths() {
    assertThatThrownBy(() -> delta("=2{bold} -3").invert(Delta.document("ab")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5").hasMessageContaining("2");
  }

  @Test
  void applyAndInvertNeedADocument() {
    assertThatThrownBy(() -> delta("=1 +\"x\"").apply(delta("=1")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> delta("+\"x\"").invert(delta("-1")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
