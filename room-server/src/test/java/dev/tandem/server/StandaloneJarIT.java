package dev.tandem.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded {@code room-server/target/tandem-room-server.jar}, started as the README says
 * ({@code java -jar}), with options from the command line and the environment: it serves
 * {@code /healthz} and creates rooms, prints {@code --help}, and refuses a bad flag with exit
 * status 2. Runs in the {@code integration-test} phase (failsafe), after {@code package} made the jar.
 */
class StandaloneJarIT {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

  @TempDir Path dir;

  private static Path jar() {
    Path jar = Path.of(System.getProperty("tandem.serverJar", "target/tandem-room-server.jar"));
    assertThat(jar).as("the shaded jar (made by the package phase)").exists();
    return jar;
  }

  private static ProcessBuilder java(String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }

  @Test
  void theJarServesHealthAndCreatesRoomsWithOptionsFromFlagsAndEnvironment() throws Exception {
    ProcessBuilder builder = java("--bind", "127.0.0.1", "--port", "0").redirectErrorStream(true);
    builder.environment().put("TANDEM_DATA", dir.resolve("data").toString());
    builder.environment().put("TANDEM_HIBERNATE_AFTER", "3s");
    builder.environment().remove("TANDEM_CREATE_TOKEN");
    Process server = builder.start();
    try {
      int port = awaitPort(server);
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
          .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).isEqualTo("ok\n");
      HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/rooms"))
          .timeout(WAIT).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).as("open creation without --create-token").isEqualTo(201);
      assertThat(Files.exists(dir.resolve("data").resolve("tandem.db"))).as("TANDEM_DATA was used").isTrue();
    } finally {
      server.destroy(); // SIGTERM: the shutdown hook closes the server
      if (!server.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  @Test
  void helpAndBadFlags() throws Exception {
    Process help = java("--help").redirectErrorStream(true).start();
    String helpText = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
    assertThat(help.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(help.exitValue()).isEqualTo(0);
    assertThat(helpText).contains("--hibernate-after", "env TANDEM_HIBERNATE_AFTER", "--snapshot-every", "--tls-keystore");

    Process bad = java("--hibernate-after", "soon").redirectErrorStream(true).start();
    String badText = new String(bad.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bad.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(bad.exitValue()).isEqualTo(2);
    assertThat(badText).contains("'soon' is not a duration");
  }

  /** Reads the server's log until it says which port it bound; keeps draining it afterwards. */
  private static int awaitPort(Process server) throws Exception {
    CompletableFuture<Integer> port = new CompletableFuture<>();
    StringBuilder log = new StringBuilder();
    Thread reader = Thread.ofPlatform().daemon().start(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          synchronized (log) {
            log.append(line).append('\n');
          }
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            port.complete(Integer.parseInt(m.group(1)));
          }
        }
      } catch (Exception e) {
        port.completeExceptionally(e);
      }
      port.completeExceptionally(new AssertionError("the server exited before listening"));
    });
    try {
      return port.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      synchronized (log) {
        throw new AssertionError("no 'listening on' line; log:\n" + log, e);
      }
    }
  }
}
