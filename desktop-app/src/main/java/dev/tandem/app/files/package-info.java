/**
 * Files in and out of a Tandem document: pure conversions between a document {@link dev.tandem.ot.Delta}
 * (inserts only, ending with {@code '\n'}) and plain text, Markdown and HTML, plus the file I/O
 * around them. No JavaFX here: the view-model runs these on a background thread.
 *
 * <ul>
 *   <li>{@link dev.tandem.app.files.DocumentFormat}: which converter a file name picks.</li>
 *   <li>Readers ({@link dev.tandem.app.files.PlainText}, {@link dev.tandem.app.files.MarkdownReader},
 *       {@link dev.tandem.app.files.HtmlReader}) never throw on odd input: unknown markup becomes its
 *       text, malformed markup is read the way a browser would. They build through
 *       {@link dev.tandem.app.files.DocumentBuilder}, which keeps only the attributes Tandem knows.</li>
 *   <li>Writers ({@link dev.tandem.app.files.MarkdownWriter}, {@link dev.tandem.app.files.HtmlWriter})
 *       walk the document as {@link dev.tandem.app.files.Paragraphs}. Reading back what they wrote
 *       gives the same document, except what the format cannot carry (documented on each writer).</li>
 *   <li>{@link dev.tandem.app.files.DocumentFiles}: reading (size limit, encoding) and atomic writing;
 *       every failure is a {@link dev.tandem.app.files.FileProblem} with a sentence for people.</li>
 * </ul>
 */
package dev.tandem.app.files;
