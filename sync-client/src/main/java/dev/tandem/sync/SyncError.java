package dev.tandem.sync;

import dev.tandem.protocol.ErrorCode;
import java.util.Objects;
import java.util.Optional;

/**
 * Something went wrong. {@code code} is the protocol's wire code (docs/protocol.md, section 9) for
 * errors the server reported, or one of the client's own codes below.
 *
 * <ul>
 *   <li>{@code journal-corrupt}: the journal failed its checksums or ends in a partial record;
 *       only its valid prefix was used and the damaged file was kept beside it.</li>
 *   <li>{@code journal-failed}: opening the journal failed, so the session did not start (fatal);
 *       or writing it failed later (not fatal): the session goes on without the journal, every
 *       edit is kept and sent, but edits are no longer safe across a crash.</li>
 *   <li>{@code journal-locked}: another session (in this or another process) has this room's
 *       journal open; the session did not start (fatal).</li>
 *   <li>{@code edits-discarded}: the server answered with a snapshot, so unsent edits could not be
 *       rebased and were dropped.</li>
 *   <li>{@code op-rejected}: the server rejected one of our ops; its effect was undone locally.</li>
 *   <li>{@code invalid-edit}: a submitted change does not fit the document; it was ignored.</li>
 * </ul>
 *
 * <p>A lost or refused connection is not an error: the session reports it as state
 * {@code RECONNECTING} through {@link SyncListener#onStatus} and keeps retrying.
 *
 * @param fatal true when the session stopped because of it (state FAILED)
 */
public record SyncError(String code, String message, boolean fatal) {
  public SyncError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  /** The protocol error code, when the server reported this error. */
  public Optional<ErrorCode> protocolCode() {
    return ErrorCode.fromWire(code);
  }
}
