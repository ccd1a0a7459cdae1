package dev.tandem.archfixture;

import java.util.concurrent.Executor;
import javafx.application.Platform;

/** Breaks the one-hop rule on purpose, once by a call and once by a method reference (ArchitectureTest). */
public final class HopsOntoTheFxThread {
  private HopsOntoTheFxThread() {}

  public static void byCall(Runnable r) {
    Platform.runLater(r);
  }

  public static Executor byReference() {
    return Platform::runLater;
  }
}
