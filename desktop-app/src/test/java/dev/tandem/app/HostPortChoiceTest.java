package dev.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.app.prefs.MemoryPreferences;
import dev.tandem.app.prefs.UserPreferences;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which port the app hosts on: the preference, unless TANDEM_HOST_PORT names one for this run. */
class HostPortChoiceTest {
  private final UserPreferences prefs = new UserPreferences(new MemoryPreferences());
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);

  @Test
  void thePreferenceUnlessTheVariableNamesAPort() {
    assertThat(TandemApplication.hostPort(null, prefs, errors)).isEqualTo(UserPreferences.DEFAULT_HOST_PORT);
    prefs.setHostPort(9100);
    assertThat(TandemApplication.hostPort("  ", prefs, errors)).isEqualTo(9100);
    assertThat(TandemApplication.hostPort("8123", prefs, errors)).isEqualTo(8123);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void aMalformedVariableIsSaidAndIgnored() {
    for (String bad : new String[] {"eighty", "80", "70000", "-1"}) {
      assertThat(TandemApplication.hostPort(bad, prefs, errors)).as(bad).isEqualTo(UserPreferences.DEFAULT_HOST_PORT);
    }
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Tandem: TANDEM_HOST_PORT=eighty is not a port from 1024 to 65535; using 7477")
        .doesNotContain("Exception");
  }

  @Test
  void theVariableOverridesOnlyWhenItNamesAPort() {
    assertThat(TandemApplication.variablePort("8123")).isEqualTo(8123);
    assertThat(TandemApplication.variablePort(" 8123 ")).isEqualTo(8123);
    for (String none : new String[] {null, "", "  ", "eighty", "80", "70000"}) {
      assertThat(TandemApplication.variablePort(none)).as(String.valueOf(none)).isNull();
    }
  }
}
