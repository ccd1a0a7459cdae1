package dev.tandem.app.instance;

import java.util.Optional;

/**
 * What a later start of Tandem asks the running one to do: open this room link in a new window,
 * or, without a link, open a new window on the start screen.
 *
 * <p>Wire form (one UTF-8 line, at most {@link #MAX_LINE_BYTES}): {@code tandem-open 1 <link>} or
 * {@code tandem-open 1 -}. The running instance answers {@code ok} or {@code error <reason>}.
 */
public record OpenRequest(Optional<String> link) {
  static final String MAGIC = "tandem-open";
  static final int VERSION = 1;
  static final int MAX_LINE_BYTES = 16 * 1024;
  private static final String NO_LINK = "-";

  public OpenRequest {
    link = link.map(String::strip).filter(s -> !s.isEmpty());
    link.ifPresent(OpenRequest::checkPrintable);
  }

  public static OpenRequest of(String linkOrNull) {
    return new OpenRequest(Optional.ofNullable(linkOrNull));
  }

  String toLine() {
    return MAGIC + " " + VERSION + " " + link.orElse(NO_LINK);
  }

  /** Parses one request line; a line that is not one is refused with the reason. */
  static OpenRequest parse(String line) {
    String[] parts = line.split(" ", 3);
    if (parts.length != 3 || !parts[0].equals(MAGIC)) {
      throw new IllegalArgumentException("not a Tandem open request");
    }
    if (!parts[1].equals(Integer.toString(VERSION))) {
      throw new IllegalArgumentException("unsupported request version " + parts[1]);
    }
    return parts[2].equals(NO_LINK) ? new OpenRequest(Optional.empty()) : new OpenRequest(Optional.of(parts[2]));
  }

  /** A link is one line of printable text: no control characters can smuggle a second request. */
  private static void checkPrintable(String link) {
    for (int i = 0; i < link.length(); i++) {
      if (Character.isISOControl(link.charAt(i))) {
        throw new IllegalArgumentException("a link cannot contain control characters");
      }
    }
  }
}
