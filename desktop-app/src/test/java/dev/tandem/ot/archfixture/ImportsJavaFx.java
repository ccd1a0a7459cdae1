package dev.tandem.ot.archfixture;

/**
 * A deliberate violation for {@code ArchitectureTest}: an "ot" class that reaches JavaFX and the
 * app. Lives in test sources only, so the production check never sees it.
 */
public final class ImportsJavaFx {
  private ImportsJavaFx() {}

  public static Object violate() {
    return new javafx.beans.property.SimpleObjectProperty<Class<?>>(dev.tandem.app.AppInfo.class);
  }
}
