/**
 * The wire protocol between Tandem clients and room servers; docs/protocol.md is the contract and
 * this package its reference implementation. Uses Jackson; everything here is immutable values
 * and stateless, thread-safe functions.
 *
 * <p>A tour, outside in:
 * <ul>
 *   <li>{@link dev.tandem.protocol.MessageCodec} — frames (JSON text) to records and back. Strict
 *       about the fields it reads, silent about unknown extra fields (forward compatibility).
 *       Internally {@code ClientCodec} and {@code ServerCodec}, with {@code FrameReader} giving
 *       typed, path-named field access.</li>
 *   <li>{@link dev.tandem.protocol.ClientMessage} and {@link dev.tandem.protocol.ServerMessage} —
 *       sealed interfaces whose records are every message of the protocol; switch over them
 *       exhaustively. {@link dev.tandem.protocol.Values} holds the small shared shapes (user,
 *       range, committed op, peer, limits).</li>
 *   <li>{@link dev.tandem.protocol.DeltaJson} — a {@link dev.tandem.ot.Delta} in Quill's JSON
 *       form, validated op by op; parsing goes through {@code Delta.builder()}, so the result is
 *       canonical and {@code parse(write(d)).equals(d)}.</li>
 *   <li>{@link dev.tandem.protocol.ProtocolException} (and
 *       {@link dev.tandem.protocol.MalformedDeltaException}) — the only exception decoding throws,
 *       carrying an {@link dev.tandem.protocol.ErrorCode}: its wire string, whether it is fatal,
 *       the close code, and its meaning. {@code toErrorMessage()} is the frame a server sends.</li>
 *   <li>{@link dev.tandem.protocol.Role}, {@link dev.tandem.protocol.Ids},
 *       {@link dev.tandem.protocol.Protocol} — roles granted by capability keys, the exact id/key
 *       syntax (128-bit base32) and the protocol constants ({@code PROTOCOL_VERSION = 1}).</li>
 * </ul>
 *
 * <p>Invariants: decoding never returns null and throws nothing but {@code ProtocolException};
 * encoding is deterministic (fixed field order, sorted attribute keys); records validate in their
 * constructors; keys never appear in {@code toString()}.
 */
package dev.tandem.protocol;
