package dev.tandem.app.files;

import dev.tandem.ot.Delta;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The file formats Tandem opens and exports, chosen by file name extension. */
public enum DocumentFormat {
  TEXT("Plain text", List.of("txt", "text")),
  MARKDOWN("Markdown", List.of("md", "markdown")),
  HTML("HTML", List.of("html", "htm"));

  private final String label;
  private final List<String> extensions;

  DocumentFormat(String label, List<String> extensions) {
    this.label = label;
    this.extensions = extensions;
  }

  /** A name for people, e.g. "Markdown". */
  public String label() {
    return label;
  }

  /** The extension written on export, without the dot. */
  public String extension() {
    return extensions.getFirst();
  }

  /** Every extension read as this format, without dots. */
  public List<String> extensions() {
    return extensions;
  }

  /** The format a file name's extension names (case-insensitive), if any. */
  public static Optional<DocumentFormat> forFileName(String name) {
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    String ext = name.substring(dot + 1).toLowerCase(Locale.ROOT);
    for (DocumentFormat f : values()) {
      if (f.extensions.contains(ext)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The document a file's text stands for. Never throws on odd input. */
  public Delta read(String text) {
    return switch (this) {
      case TEXT -> PlainText.read(text);
      case MARKDOWN -> MarkdownReader.read(text);
      case HTML -> HtmlReader.read(text);
    };
  }

  /** The file text for a document (inserts only, ending with '\n'). */
  public String write(Delta document, String title) {
    return switch (this) {
      case TEXT -> PlainText.write(document);
      case MARKDOWN -> MarkdownWriter.write(document);
      case HTML -> HtmlWriter.write(document, title);
    };
  }
}
