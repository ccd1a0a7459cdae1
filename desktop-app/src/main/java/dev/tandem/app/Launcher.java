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
    Application.launch(TandemApplication.class, args);
  }
}
