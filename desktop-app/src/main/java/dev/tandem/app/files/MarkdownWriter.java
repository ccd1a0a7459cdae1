package dev.tandem.app.files;

import dev.tandem.app.files.Paragraphs.Paragraph;
import dev.tandem.app.files.Paragraphs.Run;
import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Formats;
import java.util.ArrayList;
import java.util.List;

/**
 * A document as CommonMark (with GitHub's {@code ~~strikethrough~~}). Headings, lists, quotes,
 * code blocks (fenced), bold, italic, strikethrough, inline code and links use Markdown syntax;
 * underline, which Markdown lacks, is {@code <u>…</u>}. Text is escaped so that it reads back as
 * the same text.
 *
 * <p>What Markdown cannot carry, and so is lost: empty paragraphs outside lists and code blocks
 * (Markdown has no empty paragraph), alignment, and formats inside code blocks. Everything else
 * reads back through {@link MarkdownReader} to the same document. Emphasis delimiters next to
 * punctuation can read back differently (CommonMark's flanking rules), so each formatted paragraph
 * is read back as it is written; where it would differ, its formats are written as HTML tags
 * ({@code <strong>}, {@code <em>}, {@code <del>}), which read back exactly.
 */
public final class MarkdownWriter {
  private MarkdownWriter() {}

  public static String write(Delta document) {
    List<Paragraph> ps = Paragraphs.of(document);
    StringBuilder out = new StringBuilder(document.length() + document.length() / 8 + 64);
    String previousGroup = null;
    int number = 0;
    int i = 0;
    while (i < ps.size()) {
      Paragraph p = ps.get(i);
      if (p.is(Formats.CODE_BLOCK)) {
        int end = i;
        List<String> lines = new ArrayList<>();
        while (end < ps.size() && ps.get(end).is(Formats.CODE_BLOCK)) {
          lines.add(ps.get(end).text());
          end++;
        }
        separate(out, previousGroup, null);
        String fence = "`".repeat(Math.max(3, longestRun(lines, '`') + 1));
        out.append(fence).append('\n');
        for (String line : lines) {
          out.append(line).append('\n');
        }
        out.append(fence).append('\n');
        previousGroup = "code";
        i = end;
        continue;
      }
      String list = p.list();
      boolean quote = p.is(Formats.BLOCKQUOTE);
      if (p.isEmpty() && list == null && p.header() == 0) {
        i++; // Markdown has no empty paragraph.
        previousGroup = null;
        continue;
      }
      String group = list == null ? null : list + (quote ? ">" : "");
      separate(out, previousGroup, group);
      number = group != null && group.equals(previousGroup) ? number + 1 : 1;
      StringBuilder line = new StringBuilder();
      if (quote) {
        line.append("> ");
      }
      if (list != null) {
        line.append(list.equals("ordered") ? number + ". " : "- ");
      }
      if (p.header() > 0) {
        line.append("#".repeat(p.header())).append(' ');
      }
      line.append(inline(p.runs()));
      // A blank item, heading or quote line keeps no trailing space.
      int len = line.length();
      while (len > 0 && line.charAt(len - 1) == ' ') {
        len--;
      }
      out.append(line, 0, len).append('\n');
      previousGroup = group;
      i++;
    }
    return out.toString();
  }

  /** A blank line between blocks, except between items of one list. */
  private static void separate(StringBuilder out, String previousGroup, String group) {
    if (out.isEmpty()) {
      return;
    }
    if (group == null || !group.equals(previousGroup)) {
      out.append('\n');
    }
  }

  /** A paragraph's inline content: Markdown syntax when it reads back the same, else HTML tags. */
  static String inline(List<Run> runs) {
    boolean formatted = runs.stream().anyMatch(r -> !r.attributes().isEmpty());
    String markdown = render(runs, false);
    if (!formatted || readsBack(markdown, runs)) {
      return markdown;
    }
    return render(runs, true);
  }

  private static boolean readsBack(String markdown, List<Run> runs) {
    Delta expected = Delta.builder().addAll(runsDelta(runs)).insert("\n").build();
    return MarkdownReader.read(markdown).equals(expected);
  }

  private static List<dev.tandem.ot.Op> runsDelta(List<Run> runs) {
    Delta.Builder b = Delta.builder();
    runs.forEach(r -> b.insert(r.text(), r.attributes()));
    return b.build().ops();
  }

  /**
   * Renders runs. Formats open and close like nested tags: at each run boundary the formats that
   * end are closed (and those opened after them closed and reopened), then new ones opened; a
   * change of link closes everything. With {@code html}, formats are tags instead of delimiters.
   */
  private static String render(List<Run> runs, boolean html) {
    StringBuilder out = new StringBuilder();
    List<String> open = new ArrayList<>();
    String openLink = null;
    int total = runs.stream().mapToInt(r -> r.text().length()).sum();
    int written = 0;
    for (Run run : runs) {
      Attributes a = run.attributes();
      String link = a.get(Formats.LINK) instanceof String s ? s : null;
      List<String> want = wanted(a);
      if (!java.util.Objects.equals(openLink, link)) {
        closeAll(out, open, html);
        if (openLink != null) {
          out.append("](").append(destination(openLink)).append(')');
        }
        if (link != null) {
          out.append('[');
        }
        openLink = link;
      } else {
        closeTo(out, open, want, html);
      }
      openAll(out, open, want, html);
      if (Boolean.TRUE.equals(a.get(Formats.CODE))) {
        codeSpan(out, run.text());
      } else {
        text(out, run.text(), written, total);
      }
      written += run.text().length();
    }
    closeAll(out, open, html);
    if (openLink != null) {
      out.append("](").append(destination(openLink)).append(')');
    }
    return out.toString();
  }

  /** The delimiter formats a run wants, in a fixed order (outermost first). */
  private static List<String> wanted(Attributes a) {
    List<String> w = new ArrayList<>(4);
    for (String key : new String[] {Formats.BOLD, Formats.ITALIC, Formats.STRIKE, Formats.UNDERLINE}) {
      if (Boolean.TRUE.equals(a.get(key))) {
        w.add(key);
      }
    }
    return w;
  }

  /** Closes open formats from the innermost until every one still open is wanted. */
  private static void closeTo(StringBuilder out, List<String> open, List<String> want, boolean html) {
    int keep = 0;
    while (keep < open.size() && want.contains(open.get(keep))) {
      keep++;
    }
    while (open.size() > keep) {
      out.append(close(open.removeLast(), html));
    }
  }

  private static void closeAll(StringBuilder out, List<String> open, boolean html) {
    closeTo(out, open, List.of(), html);
  }

  private static void openAll(StringBuilder out, List<String> open, List<String> want, boolean html) {
    for (String key : want) {
      if (!open.contains(key)) {
        out.append(open(key, html));
        open.add(key);
      }
    }
  }

  private static String open(String key, boolean html) {
    return switch (key) {
      case Formats.BOLD -> html ? "<strong>" : "**";
      case Formats.ITALIC -> html ? "<em>" : "*";
      case Formats.STRIKE -> html ? "<del>" : "~~";
      default -> "<u>";
    };
  }

  private static String close(String key, boolean html) {
    return switch (key) {
      case Formats.BOLD -> html ? "</strong>" : "**";
      case Formats.ITALIC -> html ? "</em>" : "*";
      case Formats.STRIKE -> html ? "</del>" : "~~";
      default -> "</u>";
    };
  }

  /** A code span whose backtick fence is longer than any backtick run inside. */
  private static void codeSpan(StringBuilder out, String code) {
    String fence = "`".repeat(longestRun(List.of(code), '`') + 1);
    // CommonMark strips one space from both ends when both are spaces, unless the span is spaces
    // only (U+0020: a tab is not a space there, so "  \t  " is stripped); a backtick at an edge
    // needs a space.
    boolean pad = code.startsWith("`") || code.endsWith("`")
        || (code.startsWith(" ") && code.endsWith(" ") && code.chars().anyMatch(c -> c != ' '));
    out.append(fence);
    if (pad) {
      out.append(' ');
    }
    out.append(code);
    if (pad) {
      out.append(' ');
    }
    out.append(fence);
  }

  private static String destination(String url) {
    if (url.chars().noneMatch(c -> c <= ' ' || c == '<' || c == '>' || c == '(' || c == ')' || c == '\\')) {
      return url;
    }
    StringBuilder sb = new StringBuilder("<");
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c == '<' || c == '>' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c == '\n' ? ' ' : c);
    }
    return sb.append('>').toString();
  }

  /**
   * Escapes text. {@code at} and {@code total} place it in its line: the line's first character
   * cannot start a block (heading, list, quote, indented code) and its edge spaces are written as
   * character references so Markdown keeps them.
   */
  private static void text(StringBuilder out, String s, int at, int total) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int pos = at + i;
      boolean lineStart = pos == 0;
      boolean lineEnd = pos == total - 1;
      switch (c) {
        case '\\', '`', '*', '_', '[', ']', '<', '>', '~', '&', '#', '|', '!' -> out.append('\\').append(c);
        case '-', '+', '=' -> {
          if (lineStart) {
            out.append('\\');
          }
          out.append(c);
        }
        case '.', ')' -> {
          // "1. " or "1) " at a line's start would begin a numbered list.
          if (startsWithDigitsOnly(out, pos)) {
            out.append('\\');
          }
          out.append(c);
        }
        case ' ', '\t' -> {
          if (lineStart || lineEnd) {
            out.append(c == ' ' ? "&#32;" : "&#9;");
          } else {
            out.append(c);
          }
        }
        default -> out.append(c);
      }
    }
  }

  /** True when everything written for this line is {@code pos} (1–9) digits: "12." would start a list. */
  private static boolean startsWithDigitsOnly(StringBuilder out, int pos) {
    if (pos == 0 || pos > 9 || out.length() != pos) {
      return false;
    }
    for (int i = 0; i < pos; i++) {
      if (out.charAt(i) < '0' || out.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static int longestRun(List<String> lines, char c) {
    int best = 0;
    for (String s : lines) {
      int run = 0;
      for (int i = 0; i < s.length(); i++) {
        run = s.charAt(i) == c ? run + 1 : 0;
        best = Math.max(best, run);
      }
    }
    return best;
  }
}
