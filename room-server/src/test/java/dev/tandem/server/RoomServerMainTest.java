package dev.tandem.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.protocol.Values.Limits;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The standalone server's options (picocli): each flag and its environment variable reach the
 * {@link ServerConfig}, a flag beats its variable and a variable beats the default; durations and
 * limits are checked with clear messages; {@code --help} names every variable. Parsing only: no
 * server is started (the jar itself is started by {@code StandaloneJarIT}).
 */
class RoomServerMainTest {

  private static ServerConfig parse(Map<String, String> env, String... args) {
    RoomServerMain main = new RoomServerMain();
    RoomServerMain.commandLine(main, env).parseArgs(args);
    return main.config();
  }

  private static ServerConfig parse(String... args) {
    return parse(Map.of(), args);
  }

  /** One option: its flag, its variable, a value to give it, and where that value shows in the config. */
  record Case(String flag, String variable, String value, Object expected, Function<ServerConfig, Object> read) {}

  static final List<Case> EVERY_OPTION = List.of(
      new Case("--port", "TANDEM_PORT", "7171", 7171, ServerConfig::port),
      new Case("--bind", "TANDEM_BIND", "127.0.0.1", "127.0.0.1", ServerConfig::bindAddress),
      new Case("--data", "TANDEM_DATA", "/srv/tandem", Path.of("/srv/tandem"), ServerConfig::dataDirectory),
      new Case("--create-token", "TANDEM_CREATE_TOKEN", "tok", "tok", ServerConfig::createToken),
      new Case("--public-url", "TANDEM_PUBLIC_URL", "https://t.example", "https://t.example", ServerConfig::publicUrl),
      new Case("--tls-keystore", "TANDEM_TLS_KEYSTORE", "/k.p12", Path.of("/k.p12"), ServerConfig::tlsKeystore),
      new Case("--tls-password", "TANDEM_TLS_PASSWORD", "pw", "pw", ServerConfig::tlsPassword),
      new Case("--hibernate-after", "TANDEM_HIBERNATE_AFTER", "2m", Duration.ofMinutes(2), c -> c.rooms().hibernateAfter()),
      new Case("--snapshot-every", "TANDEM_SNAPSHOT_EVERY", "250", 250, c -> c.rooms().snapshotEvery()),
      new Case("--max-clients", "TANDEM_MAX_CLIENTS", "7", 7, c -> c.rooms().limits().maxClients()),
      new Case("--max-doc-length", "TANDEM_MAX_DOC_LENGTH", "1234", 1234, c -> c.rooms().limits().maxDocLength()),
      new Case("--max-frame-bytes", "TANDEM_MAX_FRAME_BYTES", "600000", 600_000L, c -> c.rooms().limits().maxFrameBytes()),
      new Case("--max-frames-per-second", "TANDEM_MAX_FRAMES_PER_SECOND", "9", 9, c -> c.rooms().limits().maxFramesPerSecond()));

  /** The TLS options only make sense together; give the partner when a case sets one of them. */
  private static Map<String, String> partnerEnv(Case c) {
    return switch (c.variable()) {
      case "TANDEM_TLS_KEYSTORE" -> Map.of("TANDEM_TLS_PASSWORD", "pw");
      case "TANDEM_TLS_PASSWORD" -> Map.of("TANDEM_TLS_KEYSTORE", "/k.p12");
      default -> Map.of();
    };
  }

  @Test
  void everyOptionIsCoveredHere() {
    List<String> declared = new CommandLine(new RoomServerMain()).getCommandSpec().options().stream()
        .filter(o -> !o.usageHelp() && !o.versionHelp()).map(OptionSpec::longestName).toList();
    assertThat(EVERY_OPTION).extracting(Case::flag).containsExactlyInAnyOrderElementsOf(declared);
  }

  @Test
  void everyFlagAndItsEnvironmentVariableReachTheConfig() {
    for (Case c : EVERY_OPTION) {
      Map<String, String> env = new HashMap<>(partnerEnv(c));
      assertThat(c.read().apply(parse(env, c.flag(), c.value()))).as("flag %s", c.flag()).isEqualTo(c.expected());
      env.put(c.variable(), c.value());
      assertThat(c.read().apply(parse(env))).as("variable %s", c.variable()).isEqualTo(c.expected());
    }
  }

  @Test
  void aFlagBeatsItsVariableAndAVariableBeatsTheDefault() {
    Map<String, String> env = Map.of("TANDEM_PORT", "8000", "TANDEM_MAX_CLIENTS", "3", "TANDEM_BIND", " ");
    ServerConfig config = parse(env, "--port", "9000");
    assertThat(config.port()).isEqualTo(9000);
    assertThat(config.rooms().limits().maxClients()).isEqualTo(3);
    assertThat(config.bindAddress()).as("a blank variable counts as unset").isEqualTo("0.0.0.0");
  }

  @Test
  void defaultsFollowTheProtocolAndTheReadme() {
    ServerConfig config = parse();
    assertThat(config.port()).isEqualTo(7070);
    assertThat(config.bindAddress()).isEqualTo("0.0.0.0");
    assertThat(config.dataDirectory()).isEqualTo(Path.of("./data"));
    assertThat(config.createToken()).as("open room creation by default").isNull();
    assertThat(config.publicUrl()).isNull();
    assertThat(config.tlsKeystore()).isNull();
    assertThat(config.rooms().hibernateAfter()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.rooms().snapshotEvery()).isEqualTo(1_000);
    assertThat(config.rooms().limits()).isEqualTo(Limits.DEFAULTS);
  }

  @Test
  void hibernateAfterTakesShortFormsAndIso8601() {
    Map<String, Duration> accepted = Map.of("500ms", Duration.ofMillis(500), "10s", Duration.ofSeconds(10),
        "2m", Duration.ofMinutes(2), "1h", Duration.ofHours(1), "PT3S", Duration.ofSeconds(3),
        "pt1m30s", Duration.ofSeconds(90), " 15S ", Duration.ofSeconds(15));
    accepted.forEach((text, duration) ->
        assertThat(parse("--hibernate-after", text).rooms().hibernateAfter()).as(text).isEqualTo(duration));
    for (String bad : List.of("10", "10x", "s", "", "abc", "1.5s", "PTX", "0s", "-5s", "PT-1S")) {
      assertThatThrownBy(() -> parse("--hibernate-after", bad)).as("'%s'", bad)
          .isInstanceOf(CommandLine.ParameterException.class)
          .hasMessageContaining("--hibernate-after");
    }
    assertThatThrownBy(() -> parse(Map.of("TANDEM_HIBERNATE_AFTER", "soon")))
        .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("not a duration");
  }

  @Test
  void limitsAndNumbersAreChecked() {
    assertThatThrownBy(() -> parse("--max-clients", "0")).isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("limits");
    assertThatThrownBy(() -> parse("--max-frame-bytes", "lots")).isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--max-frame-bytes");
    assertThatThrownBy(() -> parse("--max-frame-bytes", "65536")).isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("at least 524288");
    assertThatThrownBy(() -> parse("--port", "70000")).isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("port");
    assertThatThrownBy(() -> parse("--snapshot-every", "0")).isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("snapshotEvery");
    assertThatThrownBy(() -> parse("--tls-keystore", "/k.p12")).isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("password");
    assertThatThrownBy(() -> parse("--no-such-flag")).isInstanceOf(CommandLine.ParameterException.class);
  }

  @Test
  void helpListsEveryFlagWithItsVariableAndExitsZero() {
    StringWriter out = new StringWriter();
    CommandLine commandLine = RoomServerMain.commandLine(new RoomServerMain(), Map.of());
    commandLine.setOut(new PrintWriter(out));
    assertThat(commandLine.execute("--help")).isEqualTo(0);
    String help = out.toString().replaceAll("\\s+", " "); // picocli wraps long descriptions
    for (Case c : EVERY_OPTION) {
      assertThat(help).contains(c.flag()).contains("env " + c.variable());
    }
    assertThat(help).contains("default 10s").contains("default 7070");
  }

  @Test
  void badInputExitsWithStatusTwoAndAMessage() {
    StringWriter err = new StringWriter();
    CommandLine commandLine = RoomServerMain.commandLine(new RoomServerMain(), Map.of());
    commandLine.setErr(new PrintWriter(err));
    assertThat(commandLine.execute("--hibernate-after", "forever")).isEqualTo(2);
    assertThat(err.toString()).contains("'forever' is not a duration");
  }
}
