package dev.tandem.protocol;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every error a server reports in an {@code error} frame, with its wire string, whether it ends
 * the connection, the WebSocket close code the server then uses, and a one-line meaning.
 * docs/protocol.md lists the same codes with what a client should do; a test keeps them in step.
 *
 * <p>Invariants: wire strings are unique, lowercase and hyphenated; a fatal code has a close code
 * in 1000..4999, a non-fatal one has 0. Adding or changing a code is a protocol version change.
 */
public enum ErrorCode {
  // --- Malformed frames. The frame is dropped; the connection stays.
  /** The frame is not valid JSON. */
  INVALID_JSON("invalid-json", false, 0, "the frame is not valid JSON"),
  /** Not an object, a required field missing, or a field of the wrong type or range. */
  BAD_FRAME("bad-frame", false, 0, "the frame is not an object, lacks a required field, or a field has the wrong type"),
  /** The {@code type} field names no message this version knows. */
  UNKNOWN_TYPE("unknown-type", false, 0, "the type field is missing or names no known message"),
  /** The delta of an {@code op} is malformed; the op is rejected and never committed. */
  BAD_DELTA("bad-delta", false, 0, "the op's delta is malformed; the op is rejected"),

  // --- Session and authorisation. Fatal: the server closes the socket.
  /** {@code hello.v} is not a version this server speaks. */
  UNSUPPORTED_VERSION("unsupported-version", true, 1008, "hello.v is not a protocol version this server speaks"),
  /** A frame other than {@code hello} arrived before {@code hello}. */
  NOT_JOINED("not-joined", true, 1008, "a frame other than hello arrived before hello"),
  /** A second {@code hello} on a joined connection; it is ignored. */
  ALREADY_JOINED("already-joined", false, 0, "a second hello on a joined connection; it is ignored"),
  /** The room does not exist (or its id is malformed). */
  UNKNOWN_ROOM("unknown-room", true, 1008, "the room does not exist"),
  /** The key grants nothing in this room (wrong, malformed or rotated away). */
  BAD_KEY("bad-key", true, 1008, "the key grants no access to this room"),
  /** The client's role does not allow this message; the message is refused, nothing changes. */
  FORBIDDEN("forbidden", false, 0, "the client's role does not allow this message"),
  /** The key this connection joined with was rotated by an admin. */
  KEY_REVOKED("key-revoked", true, 1008, "the key this connection joined with was rotated"),
  /** An admin removed this participant. */
  REMOVED("removed", true, 1008, "an admin removed this participant from the room"),
  /** A newer connection joined with the same clientId; this one is closed. */
  REPLACED("replaced", true, 1008, "a newer connection joined with the same clientId"),
  /** {@code remove} named a clientId that is not in the room. */
  UNKNOWN_PEER("unknown-peer", false, 0, "remove named a clientId that is not in the room"),

  // --- Operations.
  /** {@code op.base} or {@code presence.base} is newer than the room's head: the client is corrupt. */
  BAD_BASE("bad-base", true, 1008, "base is newer than the room's head revision"),
  /** After transformation the delta does not fit the document (length or surrogate split). */
  LENGTH_MISMATCH("length-mismatch", false, 0, "the transformed delta does not fit the document; the op is rejected"),
  /** Applying the op would make the document longer than {@code limits.maxDocLength}. */
  DOC_TOO_LARGE("doc-too-large", false, 0, "the op would make the document exceed maxDocLength; the op is rejected"),
  /** A chat message is empty or longer than {@code limits.maxChatLength}. */
  CHAT_TOO_LONG("chat-too-long", false, 0, "the chat text is empty or exceeds maxChatLength"),

  // --- Limits and overload. Fatal.
  /** A frame exceeded {@code limits.maxFrameBytes}. */
  FRAME_TOO_LARGE("frame-too-large", true, 1009, "a frame exceeded maxFrameBytes"),
  /** The room already has {@code limits.maxClients} connections. */
  ROOM_FULL("room-full", true, 1013, "the room already has maxClients connections"),
  /** The connection sent more than {@code limits.maxFramesPerSecond} frames per second, sustained. */
  RATE_LIMITED("rate-limited", true, 1008, "the connection exceeded the per-connection rate limit"),
  /** The client read too slowly; its outbound queue passed its bound. */
  SLOW_CONSUMER("slow-consumer", true, 1013, "the client's outbound queue passed its bound"),

  // --- Server side.
  /** A storage write failed; the room dropped its memory state and closes every connection. */
  STORAGE_FAILED("storage-failed", true, 1011, "a storage write or read failed; the room is rebuilt from storage on the next connection"),
  /** The server is shutting down or moving the room. */
  SHUTTING_DOWN("shutting-down", true, 1001, "the server is shutting down or moving the room"),
  /** An unexpected server error. */
  INTERNAL("internal", true, 1011, "an unexpected server error");

  private static final Map<String, ErrorCode> BY_WIRE =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ErrorCode::wire, Function.identity()));

  private final String wire;
  private final boolean fatal;
  private final int closeCode;
  private final String meaning;

  ErrorCode(String wire, boolean fatal, int closeCode, String meaning) {
    this.wire = wire;
    this.fatal = fatal;
    this.closeCode = closeCode;
    this.meaning = meaning;
  }

  /** The string in the {@code code} field of an {@code error} frame. */
  public String wire() {
    return wire;
  }

  /** True when the server closes the connection after sending this error. */
  public boolean fatal() {
    return fatal;
  }

  /** The WebSocket close code the server uses after a fatal error; 0 for non-fatal codes. */
  public int closeCode() {
    return closeCode;
  }

  /** One line saying what happened. */
  public String meaning() {
    return meaning;
  }

  /** The code with this wire string, if any. */
  public static Optional<ErrorCode> fromWire(String wire) {
    return Optional.ofNullable(wire == null ? null : BY_WIRE.get(wire));
  }
}
