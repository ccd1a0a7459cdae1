/**
 * Rich-text operations with the semantics and names of Quill's Delta. Imports only the JDK.
 *
 * <ul>
 *   <li>{@link dev.tandem.ot.Delta} — an immutable, canonical sequence of {@link dev.tandem.ot.Op}s
 *       (insert / retain / delete) with {@code compose}, {@code transform},
 *       {@code transformPosition} and {@code invert}; a document is a Delta of inserts only.</li>
 *   <li>{@link dev.tandem.ot.Attributes} — immutable formatting maps and their algebra
 *       ({@code compose / diff / invert / transform}); {@code null} means "remove".</li>
 *   <li>{@link dev.tandem.ot.Formats} — attribute names: inline ones on characters, block ones on
 *       the paragraph's {@code '\n'}.</li>
 *   <li>{@link dev.tandem.ot.RichDocument} — a mutable document for large texts (a balanced tree of
 *       styled runs): applying a small Delta costs O(log n + delta size).</li>
 * </ul>
 *
 * <p>Lengths and positions are UTF-16 code units. Everything here is a pure function on immutable
 * values except {@code RichDocument}, which is owned by one thread at a time.
 */
package dev.tandem.ot;
