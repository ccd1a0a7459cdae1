package dev.tandem.app.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Registers {@code tandem://} for the current user on Windows, pointing at the installed launcher.
 * jpackage's MSI has no option for URL schemes, so the app does it itself at start-up, under
 * {@code HKEY_CURRENT_USER\Software\Classes} (no administrator rights needed), through a
 * {@code .reg} file imported with {@code reg import} — the file format has well-defined escaping,
 * which command-line arguments with nested quotes do not.
 *
 * <p>Not exercised on a Windows machine by this project's CI (Linux only); the file text is unit-tested.
 */
public final class WindowsUrlScheme {
  private static final System.Logger LOG = System.getLogger(WindowsUrlScheme.class.getName());

  private WindowsUrlScheme() {}

  /**
   * On Windows, when started from a jpackage launcher (installed or app-image; jpackage sets
   * {@code jpackage.app-path} to it), makes {@code tandem://} links open this launcher — again at
   * every start, so a moved or reinstalled Tandem keeps working. Elsewhere does nothing. Runs
   * {@code reg.exe}: call it off the UI thread.
   */
  public static void registerIfInstalledOnWindows() {
    String os = System.getProperty("os.name", "");
    String launcher = System.getProperty("jpackage.app-path");
    if (!os.startsWith("Windows") || launcher == null || launcher.isBlank()) {
      return;
    }
    try {
      Path file = Files.createTempFile("tandem-url-scheme", ".reg");
      try {
        Files.writeString(file, "\uFEFF" + registryFile(launcher), StandardCharsets.UTF_16LE);
        String systemRoot = System.getenv().getOrDefault("SystemRoot", "C:\\Windows");
        Process reg = new ProcessBuilder(Path.of(systemRoot, "System32", "reg.exe").toString(), "import", file.toString())
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!reg.waitFor(15, TimeUnit.SECONDS)) {
          reg.destroyForcibly();
          LOG.log(System.Logger.Level.WARNING, "could not register tandem:// links: reg.exe did not finish");
        } else if (reg.exitValue() != 0) {
          LOG.log(System.Logger.Level.WARNING, "could not register tandem:// links: reg.exe exited with " + reg.exitValue());
        }
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "could not register tandem:// links", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The registry file that maps {@code tandem://} to {@code "launcher" "%1"} for this user. */
  static String registryFile(String launcher) {
    String key = "HKEY_CURRENT_USER\\Software\\Classes\\tandem";
    return String.join("\r\n",
        "Windows Registry Editor Version 5.00",
        "",
        "[" + key + "]",
        "@=" + quoted("URL:Tandem room link"),
        quoted("URL Protocol") + "=" + quoted(""),
        "",
        "[" + key + "\\DefaultIcon]",
        "@=" + quoted("\"" + launcher + "\",0"),
        "",
        "[" + key + "\\shell\\open\\command]",
        "@=" + quoted("\"" + launcher + "\" \"%1\""),
        "");
  }

  /** A .reg string value: in double quotes, with backslashes and quotes escaped by a backslash. */
  static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
