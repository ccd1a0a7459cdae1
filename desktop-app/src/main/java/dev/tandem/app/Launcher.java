package dev.tandem.app;

import dev.tandem.app.instance.OpenRequest;
import dev.tandem.app.instance.Primary;
import dev.tandem.app.instance.SingleInstance;
import java.util.Arrays;
import java.util.List;

/**
 * The main class (jar manifest, jpackage). Kept apart from {@link TandemApplication}: a main class
 * that extends {@code Application} makes the JavaFX launcher demand the JavaFX modules on the
 * module path, which a plain {@code java -jar} does not have.
 *
 * <p>Usage: {@code Tandem [--new-instance] [room link]} or {@code Tandem --smoke-test <room link>}.
 * When Tandem already runs for this user, the link (or a request for a new window) goes to that
 * process and this one exits; {@code --new-instance} starts a separate process regardless.
 *
 * <p>Hidden options for the build and for measurements, not for people: {@code --aot-training}
 * (the JDK AOT cache's training run) and {@code --measure-open [BYTES]} (times a scripted first
 * open of a large file); see {@link ScriptedSession}.
 */
public final class Launcher {
  static final String NEW_INSTANCE = "--new-instance";

  private Launcher() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("--smoke-test")) {
      if (args.length != 2) {
        System.err.println("usage: Tandem --smoke-test <room link>");
        System.exit(2);
      }
      System.exit(SmokeTest.run(args[1], System.out));
    }
    if (args.length == 1 && args[0].equals("--aot-training")) {
      System.exit(ScriptedSession.train(System.err));
    }
    if (args.length >= 1 && args.length <= 2 && args[0].equals("--measure-open")) {
      int bytes = 10_000_000;
      try {
        bytes = args.length == 2 ? Integer.parseInt(args[1]) : bytes;
      } catch (NumberFormatException e) {
        bytes = -1;
      }
      if (bytes < 2) {
        System.err.println("usage: Tandem --measure-open [BYTES]");
        System.exit(2);
      }
      System.exit(ScriptedSession.measureOpen(bytes, System.out, System.err));
    }
    List<String> rest = Arrays.stream(args).filter(a -> !a.equals(NEW_INSTANCE)).toList();
    if (rest.size() > 1 || rest.stream().anyMatch(a -> a.startsWith("--"))) {
      System.err.println("usage: Tandem [--new-instance] [room link]   or   Tandem --smoke-test <room link>");
      System.exit(2);
    }
    String link = rest.isEmpty() ? null : rest.getFirst();
    if (rest.size() < args.length) {
      TandemApplication.launch(null, link);
      return;
    }
    OpenRequest request;
    try {
      request = OpenRequest.of(link);
    } catch (IllegalArgumentException e) {
      System.err.println("Tandem: " + e.getMessage());
      System.exit(2);
      return;
    }
    switch (SingleInstance.claim(SingleInstance.defaultDirectory(), request)) {
      case Primary primary -> TandemApplication.launch(primary, link);
      case SingleInstance.HandedOff handedOff -> {
        System.out.println("Tandem is already running: "
            + (link != null ? "opened the link there." : "opened a new window there."));
        System.exit(0);
      }
      case SingleInstance.Unavailable unavailable -> {
        System.err.println("Tandem: running without the single-instance channel (" + unavailable.reason() + ")");
        TandemApplication.launch(null, link);
      }
    }
  }
}
