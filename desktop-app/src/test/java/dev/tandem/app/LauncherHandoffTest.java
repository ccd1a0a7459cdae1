package dev.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.app.instance.OpenRequest;
import dev.tandem.app.instance.Primary;
import dev.tandem.app.instance.SingleInstance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second start of the real {@link Launcher}, in its own JVM, hands its link to the running
 * instance (this test JVM holds the instance) and exits 0 without opening a window.
 */
class LauncherHandoffTest {
  private static final String LINK = "tandem://127.0.0.1:7070/ABCDEFGHIJKLMNOPQRSTUVWXYZ?key=ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  @TempDir Path dir;

  @Test
  void aSecondStartHandsItsLinkToTheRunningInstanceAndExits() throws Exception {
    BlockingQueue<OpenRequest> received = new LinkedBlockingQueue<>();
    try (Primary running = (Primary) SingleInstance.claim(dir, OpenRequest.of(null))) {
      running.deliverTo(received::add);

      Result withLink = launch(LINK);
      assertThat(withLink.exit()).as(withLink.output()).isZero();
      assertThat(withLink.output()).contains("Tandem is already running: opened the link there.");
      assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(OpenRequest.of(LINK));

      Result withoutLink = launch();
      assertThat(withoutLink.exit()).as(withoutLink.output()).isZero();
      assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(OpenRequest.of(null));

      Result tooMany = launch(LINK, LINK);
      assertThat(tooMany.exit()).isEqualTo(2);
      assertThat(tooMany.output()).contains("usage: Tandem");
      assertThat(received).isEmpty();
    }
  }

  private record Result(int exit, String output) {}

  private Result launch(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Launcher.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("TANDEM_INSTANCE_DIR", dir.toString());
    Process child = builder.start();
    child.getOutputStream().close();
    boolean ended = child.waitFor(60, TimeUnit.SECONDS);
    if (!ended) {
      child.destroyForcibly();
    }
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ended).as("the second start ended; output: " + output).isTrue();
    return new Result(child.exitValue(), output);
  }
}
