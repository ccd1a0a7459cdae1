package dev.tandem.app.files;

import java.util.Locale;

/** Which link targets a file may bring into a document: web, mail and relative links only. */
final class Links {
  private Links() {}

  /** The URL stripped, or null when it is empty or uses a scheme that runs code (javascript:, data: …). */
  static String safe(String url) {
    if (url == null) {
      return null;
    }
    String u = url.strip();
    if (u.isEmpty()) {
      return null;
    }
    int colon = u.indexOf(':');
    int slash = u.indexOf('/');
    if (colon < 0 || (slash >= 0 && slash < colon) || u.indexOf('?') >= 0 && u.indexOf('?') < colon
        || u.indexOf('#') >= 0 && u.indexOf('#') < colon) {
      return u; // relative
    }
    // Browsers ignore tabs and newlines inside a scheme ("java\tscript:"), so compare without them.
    String scheme = u.substring(0, colon).replaceAll("[\\s\\x00-\\x1f]", "").toLowerCase(Locale.ROOT);
    return switch (scheme) {
      case "http", "https", "mailto", "ftp", "tandem" -> u;
      default -> null;
    };
  }
}
