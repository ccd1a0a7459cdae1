package dev.tandem.app;

/** The application's name and version, for window titles, About and the user agent. */
public final class AppInfo {
  private AppInfo() {}

  public static final String NAME = "Tandem";
  public static final String VERSION = "0.1.0-SNAPSHOT";
}
