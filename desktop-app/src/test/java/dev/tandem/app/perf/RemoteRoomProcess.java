package dev.tandem.app.perf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@link RemoteRoom} in a process of its own, started with this JVM's java and class path; its
 * standard error goes to {@code log}. Lines it prints are read by a daemon thread and handed over
 * through a queue, so waiting for one has a timeout.
 */
final class RemoteRoomProcess implements AutoCloseable {
  private final Process process;
  private final Writer toProcess;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  private RemoteRoomProcess(Process process) {
    this.process = process;
    this.toProcess = process.outputWriter(StandardCharsets.UTF_8);
    Thread.ofPlatform().daemon().name("remote-room-out").start(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          lines.add(line);
        }
      } catch (IOException e) {
        // the process ended; awaitLine reports it
      }
    });
  }

  /** Starts {@code RemoteRoom} with {@code args}; {@code jvmOptions} go before the class name. */
  static RemoteRoomProcess start(Path log, List<String> jvmOptions, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(RemoteRoom.class.getName());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
    return new RemoteRoomProcess(p);
  }

  /** Waits for a line starting with {@code prefix} (skipping others) and returns the rest of it. */
  String awaitLine(String prefix, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new IllegalStateException("the remote room did not print " + prefix.strip() + " in " + timeout
            + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")"));
      }
      if (line.startsWith(prefix)) {
        return line.substring(prefix.length());
      }
    }
  }

  void send(String line) throws IOException {
    toProcess.write(line + "\n");
    toProcess.flush();
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() throws Exception {
    try {
      send("STOP");
    } catch (IOException e) {
      // already gone
    }
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
    }
  }
}
