package dev.tandem.app;

import javafx.application.Application;

/**
 * The main class (jar manifest, jpackage). Kept apart from {@link TandemApplication}: a main class
 * that extends {@code Application} makes the JavaFX launcher demand the JavaFX modules on the
 * module path, which a plain {@code java -jar} does not have.
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("--smoke-test")) {
      if (args.length != 2) {
        System.err.println("usage: Tandem --smoke-test <room link>");
        System.exit(2);
      }
      System.exit(SmokeTest.run(args[1], System.out));
    }
    Application.launch(TandemApplication.class, args);
  }
}
