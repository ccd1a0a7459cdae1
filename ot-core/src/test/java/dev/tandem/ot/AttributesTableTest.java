package dev.tandem.ot;

import static dev.tandem.ot.DeltaNotation.attrs;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Attributes compose / diff / invert / transform, mirroring slab/delta's test/attributes.js
 * ({@code {}} stands for Quill's {@code undefined}; values in brace notation, a lone key = true).
 */
class AttributesTableTest {

  @ParameterizedTest(name = "compose({0}, {1}, {2}) = {3}")
  @CsvSource(delimiter = '|', textBlock = """
      # left is undefined / right is undefined / both undefined
      {}                         | {bold, color="red"}        | false | {bold, color="red"}
      {bold, color="red"}        | {}                         | false | {bold, color="red"}
      {}                         | {}                         | false | {}
      # missing, overwrite, remove, remove to none, remove missing
      {bold, color="red"}        | {italic}                   | false | {bold, color="red", italic}
      {bold, color="red"}        | {bold=false, color="blue"} | false | {bold=false, color="blue"}
      {bold, color="red"}        | {bold=null}                | false | {color="red"}
      {bold, color="red"}        | {bold=null, color=null}    | false | {}
      {bold, color="red"}        | {italic=null}              | false | {bold, color="red"}
      # keepNull (retain ∘ retain) keeps removals
      {bold, color="red"}        | {bold=null}                | true  | {bold=null, color="red"}
      {}                         | {bold=null}                | true  | {bold=null}
      {bold=null}                | {italic}                   | false | {bold=null, italic}
      """)
  void compose(String a, String b, boolean keepNull, String expected) {
    assertThat(Attributes.compose(attrs(a), attrs(b), keepNull)).isEqualTo(attrs(expected));
  }

  @ParameterizedTest(name = "diff({0}, {1}) = {2}")
  @CsvSource(delimiter = '|', textBlock = """
      {}                    | {bold, color="red"}              | {bold, color="red"}
      {bold, color="red"}   | {}                               | {bold=null, color=null}
      {bold, color="red"}   | {bold, color="red"}              | {}
      {bold, color="red"}   | {bold, italic, color="red"}      | {italic}
      {bold, color="red"}   | {bold}                           | {color=null}
      {bold, color="red"}   | {bold, color="blue"}             | {color="blue"}
      {header=1}            | {header=2}                       | {header=2}
      """)
  void diff(String a, String b, String expected) {
    assertThat(Attributes.diff(attrs(a), attrs(b))).isEqualTo(attrs(expected));
    // law: compose(a, diff(a, b)) = b
    assertThat(Attributes.compose(attrs(a), Attributes.diff(attrs(a), attrs(b)), false)).isEqualTo(attrs(b));
  }

  @ParameterizedTest(name = "invert({0}, base {1}) = {2}")
  @CsvSource(delimiter = '|', textBlock = """
      # attributes undefined / base undefined / both undefined
      {}                                                | {bold}                                          | {}
      {bold}                                            | {}                                              | {bold=null}
      {}                                                | {}                                              | {}
      # merge, null, replace, noop, combined
      {bold}                                            | {italic}                                        | {bold=null}
      {bold=null}                                       | {bold}                                          | {bold}
      {color="red"}                                     | {color="blue"}                                  | {color="blue"}
      {color="red"}                                     | {color="red"}                                   | {}
      {bold, italic=null, color="red", size="12px"}     | {font="serif", italic, color="blue", size="12px"} | {bold=null, italic, color="blue"}
      """)
  void invert(String attributes, String base, String expected) {
    assertThat(Attributes.invert(attrs(attributes), attrs(base))).isEqualTo(attrs(expected));
  }

  @ParameterizedTest(name = "transform({0}, {1}, {2}) = {3}")
  @CsvSource(delimiter = '|', textBlock = """
      # left undefined / right undefined / both undefined
      {}                                  | {bold, color="red", font=null}       | false | {bold, color="red", font=null}
      {bold, color="red", font=null}      | {}                                   | false | {}
      {}                                  | {}                                   | false | {}
      # with priority a's keys (even its removals) win; without, b overwrites
      {bold, color="red", font=null}      | {color="blue", font="serif", italic} | true  | {italic}
      {bold, color="red", font=null}      | {color="blue", font="serif", italic} | false | {color="blue", font="serif", italic}
      {bold}                              | {bold}                               | true  | {}
      """)
  void transform(String a, String b, boolean priority, String expected) {
    assertThat(Attributes.transform(attrs(a), attrs(b), priority)).isEqualTo(attrs(expected));
  }
}
