package dev.tandem.protocol;

/**
 * A delta in Quill's JSON form that Tandem refuses. Always {@link ErrorCode#BAD_DELTA}. The message
 * names the problem and, for a problem inside one op, its index as {@code ops[i]}.
 */
public final class MalformedDeltaException extends ProtocolException {
  private static final long serialVersionUID = 1L;

  /** Index of the offending op in {@code ops}, or -1 when the problem is not inside one op. */
  private final int opIndex;

  MalformedDeltaException(int opIndex, String problem) {
    this(opIndex, problem, null);
  }

  MalformedDeltaException(int opIndex, String problem, Throwable cause) {
    super(ErrorCode.BAD_DELTA,
        "bad delta: " + (opIndex >= 0 ? "ops[" + opIndex + "]: " : "") + problem, -1, cause);
    this.opIndex = opIndex;
  }

  /** The index of the offending op, or -1. */
  public int opIndex() {
    return opIndex;
  }
}
