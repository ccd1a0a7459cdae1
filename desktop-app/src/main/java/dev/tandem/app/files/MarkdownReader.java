package dev.tandem.app.files;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Formats;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.strikethrough.Strikethrough;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * Markdown (CommonMark with GitHub's {@code ~~strikethrough~~}) into a document, through the
 * commonmark-java parser. What maps: headings (levels 4–6 become 3), paragraphs, bullet and
 * numbered lists (nested lists are flattened: Tandem has no indent), block quotes, fenced and
 * indented code (one code-block paragraph per line), emphasis, strong, strikethrough, inline code,
 * links, and the inline HTML tags {@code <u> <b> <strong> <i> <em> <s> <del> <strike> <code> <a href>
 * <br>}. Images become their alt text, HTML blocks are read as HTML, other markup becomes text.
 *
 * <p>The tree is walked without recursion, so nesting depth cannot overflow the stack.
 */
public final class MarkdownReader {
  private MarkdownReader() {}

  private static final Parser PARSER = Parser.builder()
      .extensions(List.of(StrikethroughExtension.create())).build();

  public static Delta read(String markdown) {
    String text = markdown.isEmpty() || markdown.charAt(0) != '\uFEFF' ? markdown : markdown.substring(1);
    Walker w = new Walker();
    w.walk(PARSER.parse(text));
    return w.out.build();
  }

  private static final class Walker {
    final DocumentBuilder out = new DocumentBuilder();
    /** Nesting counts of the inline formats open at this point. */
    int bold;
    int italic;
    int strike;
    int underline;
    int code;
    final Deque<String> links = new ArrayDeque<>();
    /** Inline HTML links opened with {@code <a href>} and not yet closed. */
    int htmlLinks;
    int quote;
    int heading;
    /** Per open list item: its list kind, and whether its first paragraph was already written. */
    final Deque<String[]> items = new ArrayDeque<>();

    void walk(Node root) {
      Node n = root.getFirstChild();
      while (n != null) {
        boolean descend = enter(n);
        if (descend && n.getFirstChild() != null) {
          n = n.getFirstChild();
          continue;
        }
        exit(n);
        while (n != root && n.getNext() == null) {
          n = n.getParent();
          if (n != root) {
            exit(n);
          }
        }
        n = n == root ? null : n.getNext();
      }
    }

    /** Returns whether to visit the children. */
    boolean enter(Node n) {
      switch (n) {
        case Heading h -> heading = Math.min(3, Math.max(1, h.getLevel()));
        case BlockQuote q -> quote++;
        case ListItem item -> {
          if (!items.isEmpty()) {
            items.peek()[1] = "used"; // a nested list stands for the outer item's first paragraph
          }
          items.push(new String[] {
            item.getParent() instanceof OrderedList ? "ordered" : "bullet", "fresh"});
        }
        case Text t -> text(t.getLiteral());
        case Code c -> {
          code++;
          text(c.getLiteral());
          code--;
        }
        case Emphasis e -> italic++;
        case StrongEmphasis s -> bold++;
        case Strikethrough s -> strike++;
        case Link l -> links.push(l.getDestination() == null ? "" : l.getDestination());
        case SoftLineBreak b -> text(" ");
        case HardLineBreak b -> endParagraph();
        case HtmlInline html -> htmlTag(html.getLiteral());
        case FencedCodeBlock f -> codeLines(f.getLiteral());
        case IndentedCodeBlock i -> codeLines(i.getLiteral());
        case HtmlBlock html -> {
          List<Paragraphs.Paragraph> blocks = Paragraphs.of(HtmlReader.read(html.getLiteral()));
          boolean blank = blocks.size() == 1 && blocks.getFirst().isEmpty() && blocks.getFirst().block().isEmpty();
          if (!blank) {
            for (Paragraphs.Paragraph b : blocks) {
              b.runs().forEach(r -> out.text(r.text(), r.attributes()));
              out.endParagraph(Attributes.compose(block(), b.block(), false));
            }
          }
        }
        case ThematicBreak t -> {
          out.text("———", Attributes.EMPTY);
          out.endParagraph(block());
        }
        default -> { }
      }
      return !(n instanceof Code || n instanceof FencedCodeBlock || n instanceof IndentedCodeBlock
          || n instanceof HtmlBlock);
    }

    void exit(Node n) {
      switch (n) {
        case Paragraph p -> endParagraph();
        case Heading h -> {
          endParagraph();
          heading = 0;
        }
        case BlockQuote q -> quote--;
        case ListItem item -> {
          if ("fresh".equals(items.peek()[1])) {
            // An empty item is an empty list paragraph.
            out.endParagraph(block());
          }
          items.pop();
        }
        case Emphasis e -> italic--;
        case StrongEmphasis s -> bold--;
        case Strikethrough s -> strike--;
        case Link l -> links.pop();
        default -> { }
      }
    }

    void text(String s) {
      int start = 0;
      for (int i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', start)) {
        out.text(s.substring(start, i), inline());
        out.text(" ", inline());
        start = i + 1;
      }
      out.text(s.substring(start), inline());
    }

    void endParagraph() {
      out.endParagraph(block());
    }

    void codeLines(String literal) {
      String s = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
      if (literal.isEmpty()) {
        return;
      }
      int start = 0;
      while (true) {
        int i = s.indexOf('\n', start);
        out.text(s.substring(start, i < 0 ? s.length() : i), Attributes.EMPTY);
        out.endParagraph(block().with(Formats.CODE_BLOCK, true));
        if (i < 0) {
          return;
        }
        start = i + 1;
      }
    }

    Attributes inline() {
      Attributes.Builder b = Attributes.builder();
      if (bold > 0) {
        b.put(Formats.BOLD, true);
      }
      if (italic > 0) {
        b.put(Formats.ITALIC, true);
      }
      if (strike > 0) {
        b.put(Formats.STRIKE, true);
      }
      if (underline > 0) {
        b.put(Formats.UNDERLINE, true);
      }
      if (code > 0) {
        b.put(Formats.CODE, true);
      }
      String link = links.peek();
      if (link != null) {
        String safe = Links.safe(link);
        if (safe != null) {
          b.put(Formats.LINK, safe);
        }
      }
      return b.build();
    }

    /** The block attributes of a paragraph ending here; the first paragraph of an item takes the list. */
    Attributes block() {
      Attributes.Builder b = Attributes.builder();
      if (heading > 0) {
        b.put(Formats.HEADER, (long) heading);
      }
      if (quote > 0) {
        b.put(Formats.BLOCKQUOTE, true);
      }
      String[] item = items.peek();
      if (item != null && "fresh".equals(item[1])) {
        b.put(Formats.LIST, item[0]);
        item[1] = "used";
      }
      return b.build();
    }

    private static final Pattern TAG = Pattern.compile(
        "^<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>$", Pattern.DOTALL);
    private static final Pattern HREF = Pattern.compile(
        "href\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+))", Pattern.CASE_INSENSITIVE);

    /** The inline HTML tags with a Tandem meaning; anything else is dropped (its text stays). */
    void htmlTag(String literal) {
      Matcher m = TAG.matcher(literal.strip());
      if (!m.matches()) {
        return;
      }
      boolean close = !m.group(1).isEmpty();
      int d = close ? -1 : 1;
      switch (m.group(2).toLowerCase(Locale.ROOT)) {
        case "b", "strong" -> bold = Math.max(0, bold + d);
        case "i", "em" -> italic = Math.max(0, italic + d);
        case "u", "ins" -> underline = Math.max(0, underline + d);
        case "s", "del", "strike" -> strike = Math.max(0, strike + d);
        case "code" -> code = Math.max(0, code + d);
        case "br" -> {
          if (!close) {
            endParagraph();
          }
        }
        case "a" -> {
          if (close && htmlLinks > 0) {
            htmlLinks--;
            links.pop();
          } else if (!close) {
            Matcher h = HREF.matcher(m.group(3));
            String href = h.find() ? org.jsoup.parser.Parser.unescapeEntities(
                h.group(1) != null ? h.group(1) : h.group(2) != null ? h.group(2) : h.group(3), true) : "";
            htmlLinks++;
            links.push(href);
          }
        }
        default -> { }
      }
    }
  }
}
