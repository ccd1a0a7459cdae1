package dev.tandem.app.files;

/**
 * A file could not be opened or saved. {@link #getMessage()} is a sentence for people: what
 * happened and what to do; {@link #kind()} is for code and tests.
 */
public final class FileProblem extends Exception {
  /** What went wrong. */
  public enum Kind {
    /** The file does not exist or could not be read. */
    UNREADABLE,
    /** The file's type is not one Tandem opens (by its name). */
    UNSUPPORTED_TYPE,
    /** The text would make the document longer than the room allows. */
    TOO_LARGE,
    /** The bytes are not text in an encoding Tandem can tell. */
    BAD_ENCODING,
    /** The file looks binary (NUL bytes). */
    NOT_TEXT,
    /** Writing the file failed. */
    WRITE_FAILED
  }

  private final Kind kind;

  public FileProblem(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public FileProblem(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
