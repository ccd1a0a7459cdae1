package dev.tandem.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Error codes are unique on the wire and docs/protocol.md documents each one as the enum says. */
class ErrorCodeTest {
  /** Tests run with the module directory as working directory. */
  static final Path PROTOCOL_MD = Path.of("../docs/protocol.md");

  @Test void wireStringsAreUniqueAndWellFormed() {
    assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::wire)).doesNotHaveDuplicates()
        .allMatch(w -> w.matches("[a-z]+(-[a-z]+)*"));
    for (ErrorCode c : ErrorCode.values()) {
      assertThat(ErrorCode.fromWire(c.wire())).hasValue(c);
      assertThat(c.meaning()).isNotBlank();
      if (c.fatal()) {
        assertThat(c.closeCode()).as(c.wire()).isBetween(1000, 4999);
      } else {
        assertThat(c.closeCode()).as(c.wire()).isZero();
      }
    }
    assertThat(ErrorCode.fromWire("nope")).isEmpty();
    assertThat(ErrorCode.fromWire(null)).isEmpty();
  }

  /**
   * Each code has a row in the error table of protocol.md: {@code | `code` | fatal? | close | ...}
   * with "yes"/"no" and the close code matching the enum, and the table lists no other codes.
   */
  @Test void everyCodeIsDocumentedWithItsFatality() throws Exception {
    String doc = Files.readString(PROTOCOL_MD);
    Pattern row = Pattern.compile("^\\| `([a-z-]+)` \\| (yes|no) \\| (\\d+|—) \\|", Pattern.MULTILINE);
    Matcher m = row.matcher(doc);
    java.util.Map<String, String[]> rows = new java.util.HashMap<>();
    while (m.find()) {
      assertThat(rows.put(m.group(1), new String[] {m.group(2), m.group(3)})).as("duplicate row " + m.group(1)).isNull();
    }
    for (ErrorCode c : ErrorCode.values()) {
      assertThat(rows).as("protocol.md documents " + c.wire()).containsKey(c.wire());
      String[] r = rows.get(c.wire());
      assertThat(r[0]).as("fatal? of " + c.wire()).isEqualTo(c.fatal() ? "yes" : "no");
      assertThat(r[1]).as("close code of " + c.wire()).isEqualTo(c.fatal() ? String.valueOf(c.closeCode()) : "—");
    }
    assertThat(rows.keySet()).as("protocol.md documents no unknown codes")
        .allMatch(w -> ErrorCode.fromWire(w).isPresent());
  }

  @Test void protocolVersionIsDocumented() throws Exception {
    assertThat(Files.readString(PROTOCOL_MD)).contains("Protocol version: " + Protocol.PROTOCOL_VERSION);
  }
}
