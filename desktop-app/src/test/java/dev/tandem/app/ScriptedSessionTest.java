package dev.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scripted session behind the AOT cache's training run and {@code --measure-open}, run as the
 * real {@link Launcher} in its own JVM (it starts the JavaFX toolkit itself): it hosts a room,
 * types, opens a generated file into a new room, types, exits 0 — and leaves the user's data
 * folder, preferences and the temporary folder as they were.
 */
class ScriptedSessionTest {
  @TempDir Path dir;

  @Test
  void opensAGeneratedFileThroughTheAppAndLeavesNoTrace() throws Exception {
    Path home = Files.createDirectories(dir.resolve("home"));
    Path xdg = Files.createDirectories(dir.resolve("xdg"));
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    ProcessBuilder builder = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-Dtandem.openPause=0",
        "-Duser.home=" + home, "-Djava.io.tmpdir=" + tmp,
        "-cp", System.getProperty("java.class.path"), Launcher.class.getName(),
        "--measure-open", "300000")).redirectErrorStream(true);
    builder.environment().put("XDG_DATA_HOME", xdg.toString());
    Process child = builder.start();
    child.getOutputStream().close();
    boolean ended = child.waitFor(180, TimeUnit.SECONDS);
    if (!ended) {
      child.destroyForcibly();
    }
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ended).as(output).isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    assertThat(output).contains("measure-open: measured.txt, 300,000 bytes")
        .contains("first room editable and connected")
        .contains("area editable with the whole file");
    // (JavaFX keeps its native libraries in ~/.openjfx, as for every start from jars.)
    assertThat(home.resolve(".java")).as("preferences stay in memory").doesNotExist();
    try (Stream<Path> inXdg = Files.list(xdg); Stream<Path> inTmp = Files.list(tmp)) {
      assertThat(inXdg).as("the user's rooms and journal are not touched").isEmpty();
      assertThat(inTmp.filter(p -> p.getFileName().toString().startsWith("tandem-scripted-")))
          .as("the session's temporary directory is removed").isEmpty();
    }
  }

  @Test
  void aBadSizeIsAUsageError() throws Exception {
    Process child = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Launcher.class.getName(),
        "--measure-open", "lots")).redirectErrorStream(true).start();
    child.getOutputStream().close();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.exitValue()).as(output).isEqualTo(2);
    assertThat(output).contains("usage: Tandem --measure-open [BYTES]");
  }
}
