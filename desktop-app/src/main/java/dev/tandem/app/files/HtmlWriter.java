package dev.tandem.app.files;

import dev.tandem.app.files.Paragraphs.Paragraph;
import dev.tandem.app.files.Paragraphs.Run;
import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Formats;
import java.util.List;

/**
 * A document as a standalone HTML5 page. Everything Tandem formats is carried: headings, lists,
 * quotes, code blocks, alignment, the inline formats and links; empty paragraphs are
 * {@code <p><br></p>}; paragraphs whose spaces would collapse get {@code white-space: pre-wrap}.
 * {@link HtmlReader} reads the page back to the same document (inline code inside a code block
 * is the one thing not carried: inside {@code <pre>} all text is code).
 *
 * <p>Consecutive list paragraphs of one kind form one list, consecutive quote paragraphs one
 * {@code <blockquote>}, consecutive code-block paragraphs one {@code <pre>}.
 */
public final class HtmlWriter {
  private HtmlWriter() {}

  public static String write(Delta document, String title) {
    List<Paragraph> paragraphs = Paragraphs.of(document);
    StringBuilder out = new StringBuilder(document.length() + document.length() / 4 + 256);
    out.append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>");
    escape(out, title == null || title.isBlank() ? "Tandem document" : title);
    out.append("</title>\n</head>\n<body>\n");
    int i = 0;
    while (i < paragraphs.size()) {
      Paragraph p = paragraphs.get(i);
      boolean quote = p.is(Formats.BLOCKQUOTE) && !p.is(Formats.CODE_BLOCK);
      int end = i + 1;
      if (quote) {
        while (end < paragraphs.size() && paragraphs.get(end).is(Formats.BLOCKQUOTE)
            && !paragraphs.get(end).is(Formats.CODE_BLOCK)) {
          end++;
        }
        out.append("<blockquote>\n");
        blocks(out, paragraphs.subList(i, end));
        out.append("</blockquote>\n");
      } else {
        while (end < paragraphs.size() && (!paragraphs.get(end).is(Formats.BLOCKQUOTE)
            || paragraphs.get(end).is(Formats.CODE_BLOCK))) {
          end++;
        }
        blocks(out, paragraphs.subList(i, end));
      }
      i = end;
    }
    out.append("</body>\n</html>\n");
    return out.toString();
  }

  /** Paragraphs with the same quote state: lists and code blocks grouped, the rest one element each. */
  private static void blocks(StringBuilder out, List<Paragraph> ps) {
    int i = 0;
    while (i < ps.size()) {
      Paragraph p = ps.get(i);
      if (p.is(Formats.CODE_BLOCK)) {
        int end = i;
        out.append("<pre><code>");
        while (end < ps.size() && ps.get(end).is(Formats.CODE_BLOCK)) {
          for (Run r : ps.get(end).runs()) {
            inline(out, r.text(), r.attributes().without(Formats.CODE));
          }
          out.append('\n');
          end++;
        }
        out.append("</code></pre>\n");
        i = end;
      } else if (p.list() != null) {
        String kind = p.list();
        String tag = kind.equals("ordered") ? "ol" : "ul";
        out.append('<').append(tag).append(">\n");
        int end = i;
        while (end < ps.size() && kind.equals(ps.get(end).list()) && !ps.get(end).is(Formats.CODE_BLOCK)) {
          Paragraph item = ps.get(end);
          out.append("<li");
          attributes(out, item);
          out.append('>');
          if (item.header() > 0) {
            out.append("<h").append(item.header()).append('>');
            content(out, item);
            out.append("</h").append(item.header()).append('>');
          } else {
            content(out, item);
          }
          out.append("</li>\n");
          end++;
        }
        out.append("</").append(tag).append(">\n");
        i = end;
      } else {
        String tag = p.header() > 0 ? "h" + p.header() : "p";
        out.append('<').append(tag);
        attributes(out, p);
        out.append('>');
        content(out, p);
        out.append("</").append(tag).append(">\n");
        i++;
      }
    }
  }

  private static void attributes(StringBuilder out, Paragraph p) {
    String style = "";
    if (p.block().get(Formats.ALIGN) instanceof String align) {
      style += "text-align: " + align + ";";
    }
    if (needsPreWrap(p.text())) {
      style += (style.isEmpty() ? "" : " ") + "white-space: pre-wrap;";
    }
    if (!style.isEmpty()) {
      out.append(" style=\"").append(style).append('"');
    }
  }

  /** True when HTML's whitespace collapsing would change the text. */
  static boolean needsPreWrap(String text) {
    if (text.isEmpty()) {
      return false;
    }
    char first = text.charAt(0);
    char last = text.charAt(text.length() - 1);
    if (isHtmlSpace(first) || isHtmlSpace(last)) {
      return true;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isHtmlSpace(c) && (c != ' ' || isHtmlSpace(text.charAt(i + 1)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isHtmlSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f';
  }

  private static void content(StringBuilder out, Paragraph p) {
    if (p.isEmpty()) {
      out.append("<br>");
      return;
    }
    for (Run r : p.runs()) {
      inline(out, r.text(), r.attributes());
    }
  }

  /** One run, wrapped in its formats' tags (outermost first: link, bold, italic, underline, strike, code). */
  private static void inline(StringBuilder out, String text, Attributes a) {
    String link = a.get(Formats.LINK) instanceof String s ? s : null;
    if (link != null) {
      out.append("<a href=\"");
      escape(out, link);
      out.append("\">");
    }
    String[][] tags = {{Formats.BOLD, "strong"}, {Formats.ITALIC, "em"}, {Formats.UNDERLINE, "u"},
        {Formats.STRIKE, "s"}, {Formats.CODE, "code"}};
    for (String[] t : tags) {
      if (Boolean.TRUE.equals(a.get(t[0]))) {
        out.append('<').append(t[1]).append('>');
      }
    }
    escape(out, text);
    for (int i = tags.length - 1; i >= 0; i--) {
      if (Boolean.TRUE.equals(a.get(tags[i][0]))) {
        out.append("</").append(tags[i][1]).append('>');
      }
    }
    if (link != null) {
      out.append("</a>");
    }
  }

  /** Escapes text and attribute values ({@code & < > "}); '\r' as a reference so parsers keep it. */
  static void escape(StringBuilder out, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\r' -> out.append("&#13;");
        default -> out.append(c);
      }
    }
  }
}
