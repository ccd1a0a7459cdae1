package dev.tandem.protocol;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A frame or delta that breaks the protocol. Carries the {@link ErrorCode} a server reports back
 * and, when the offending frame was an {@code op} whose {@code seq} could be read, that seq, so the
 * error frame can name the rejected op.
 *
 * <p>Unchecked so that tree-walking code stays readable; every decoding entry point documents that
 * it throws it, and nothing else, for bad input.
 */
public class ProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  /** The seq of the rejected op, or -1 when unknown. seq values on the wire are ≥ 1. */
  private final long seq;

  public ProtocolException(ErrorCode code, String message) {
    this(code, message, -1, null);
  }

  public ProtocolException(ErrorCode code, String message, Throwable cause) {
    this(code, message, -1, cause);
  }

  protected ProtocolException(ErrorCode code, String message, long seq, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.seq = seq;
  }

  public ErrorCode code() {
    return code;
  }

  /** The seq of the op this error rejects, when known. */
  public OptionalLong seq() {
    return seq >= 0 ? OptionalLong.of(seq) : OptionalLong.empty();
  }

  /** The same error, naming the op it rejects. */
  public ProtocolException withSeq(long opSeq) {
    return new ProtocolException(code, getMessage(), opSeq, this);
  }
}
