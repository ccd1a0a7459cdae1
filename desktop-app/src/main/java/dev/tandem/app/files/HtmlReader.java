package dev.tandem.app.files;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Formats;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;

/**
 * HTML into a document, through jsoup's HTML5 parser (which reads malformed markup the way
 * browsers do and never throws). What maps: {@code h1}–{@code h6} (4–6 become 3), {@code p},
 * {@code div} and the other block elements, {@code ul}/{@code ol}/{@code li} (nesting flattened),
 * {@code blockquote}, {@code pre} (one code-block paragraph per line), {@code br}; inline
 * {@code b strong i em u ins s strike del code kbd samp tt a[href]} and the {@code font-weight},
 * {@code font-style}, {@code text-decoration}, {@code text-align} and {@code white-space} of inline
 * {@code style} attributes (how pasted office HTML formats). Whitespace collapses as in a browser
 * except under {@code pre} or {@code white-space: pre…}. Scripts, styles and the head are skipped;
 * unknown elements contribute their text. Links with a scheme that runs code are dropped.
 *
 * <p>The tree is walked by jsoup's iterative traversal, so nesting depth cannot overflow the stack.
 */
public final class HtmlReader {
  private HtmlReader() {}

  private static final Set<String> SKIP = Set.of("head", "script", "style", "template", "noscript",
      "iframe", "object", "embed", "svg", "math", "select", "textarea", "title", "meta", "link", "button");
  private static final Set<String> BLOCK = Set.of("p", "div", "h1", "h2", "h3", "h4", "h5", "h6",
      "ul", "ol", "li", "blockquote", "pre", "section", "article", "header", "footer", "main", "nav",
      "aside", "figure", "figcaption", "table", "thead", "tbody", "tfoot", "tr", "dl", "dt", "dd",
      "address", "hr", "center", "form", "fieldset", "details", "summary", "body", "html", "caption",
      "legend", "listing", "xmp", "plaintext");

  public static Delta read(String html) {
    Walker w = new Walker();
    org.jsoup.nodes.Document doc = Jsoup.parse(html);
    doc.body().filter(w);
    w.flush();
    return w.out.build();
  }

  /** What one open element contributes; popped when it closes. */
  private record Frame(String tag, boolean block, Attributes inline, Attributes blockAttrs,
      boolean preserve, boolean pre, boolean preRoot, int paragraphsBefore) {}

  private static final class Walker implements NodeFilter {
    final DocumentBuilder out = new DocumentBuilder();
    final Deque<Frame> frames = new ArrayDeque<>();
    int paragraphs;
    /** Inline attributes for a collapsed space not yet written, or null. */
    Attributes pendingSpace;
    /** In a pre: a line ended by '\n' in this pre, so an empty last line is the file's line end. */
    boolean preLineEnded;

    @Override
    public FilterResult head(Node node, int depth) {
      if (node instanceof TextNode t) {
        text(t.getWholeText());
        return FilterResult.CONTINUE;
      }
      if (!(node instanceof Element e)) {
        return FilterResult.SKIP_ENTIRELY; // comments, doctypes
      }
      String tag = e.normalName();
      if (SKIP.contains(tag)) {
        return FilterResult.SKIP_ENTIRELY;
      }
      if (tag.equals("br")) {
        endParagraph(true);
        return FilterResult.SKIP_ENTIRELY;
      }
      if (tag.equals("img")) {
        String alt = e.attr("alt");
        if (!alt.isBlank()) {
          text(alt);
        }
        return FilterResult.SKIP_ENTIRELY;
      }
      Frame parent = frames.peek();
      boolean block = BLOCK.contains(tag);
      if (block) {
        flush();
      }
      Attributes inline = inlineOf(e, tag, parent);
      Attributes blockAttrs = blockOf(e, tag, parent);
      Style style = Style.of(e.attr("style"));
      boolean preTag = tag.equals("pre") || tag.equals("listing") || tag.equals("xmp") || tag.equals("plaintext");
      boolean preRoot = preTag && (parent == null || !parent.pre);
      boolean pre = preTag || parent != null && parent.pre;
      boolean preserve = pre || (style.whiteSpace != null ? style.whiteSpace.startsWith("pre")
          || style.whiteSpace.equals("break-spaces") : parent != null && parent.preserve);
      if (preRoot) {
        preLineEnded = false;
      }
      frames.push(new Frame(tag, block, inline, blockAttrs, preserve, pre, preRoot, paragraphs));
      return FilterResult.CONTINUE;
    }

    @Override
    public FilterResult tail(Node node, int depth) {
      if (!(node instanceof Element) || frames.isEmpty() || node instanceof org.jsoup.nodes.Document) {
        return FilterResult.CONTINUE;
      }
      Element e = (Element) node;
      if (SKIP.contains(e.normalName()) || e.normalName().equals("br") || e.normalName().equals("img")) {
        return FilterResult.CONTINUE;
      }
      Frame f = frames.peek();
      if (f.block) {
        if (f.preRoot) {
          // The last line of a pre; empty after a '\n' it is just the file's line end.
          if (out.paragraphHasText() || !preLineEnded) {
            endParagraph(true);
          }
        } else if (f.tag.equals("li") && paragraphs == f.paragraphsBefore && !out.paragraphHasText()) {
          endParagraph(true); // an empty list item is an empty list paragraph
        } else {
          flush();
        }
      }
      frames.pop();
      return FilterResult.CONTINUE;
    }

    void text(String s) {
      Frame f = frames.peek();
      Attributes inline = f == null ? Attributes.EMPTY : f.inline;
      if (f != null && f.pre) {
        int start = 0;
        for (int i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', start)) {
          out.text(stripCr(s.substring(start, i)), inline);
          endParagraph(true);
          preLineEnded = true;
          start = i + 1;
        }
        out.text(stripCr(s.substring(start)), inline);
        return;
      }
      if (f != null && f.preserve) {
        int start = 0;
        for (int i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', start)) {
          out.text(stripCr(s.substring(start, i)), inline);
          endParagraph(true);
          start = i + 1;
        }
        out.text(stripCr(s.substring(start)), inline);
        return;
      }
      // Collapse runs of HTML whitespace to one space; none at a paragraph's start or end.
      StringBuilder word = new StringBuilder();
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
          if (!word.isEmpty()) {
            out.text(word.toString(), inline);
            word.setLength(0);
          }
          if (out.paragraphHasText()) {
            pendingSpace = pendingSpace == null ? inline : pendingSpace;
          }
        } else {
          if (pendingSpace != null) {
            if (!word.isEmpty()) {
              out.text(word.toString(), inline);
              word.setLength(0);
            }
            out.text(" ", pendingSpace);
            pendingSpace = null;
          }
          word.append(c);
        }
      }
      if (!word.isEmpty()) {
        out.text(word.toString(), inline);
      }
    }

    private static String stripCr(String s) {
      return s.indexOf('\r') < 0 ? s : s.replace("\r", "");
    }

    /** Ends the paragraph at a block boundary when it has text. */
    void flush() {
      if (out.paragraphHasText()) {
        endParagraph(false);
      }
      pendingSpace = null;
    }

    void endParagraph(boolean evenEmpty) {
      pendingSpace = null;
      if (!evenEmpty && !out.paragraphHasText()) {
        return;
      }
      Frame f = frames.peek();
      out.endParagraph(f == null ? Attributes.EMPTY : f.blockAttrs);
      paragraphs++;
    }

    private static Attributes inlineOf(Element e, String tag, Frame parent) {
      Attributes a = parent == null ? Attributes.EMPTY : parent.inline;
      boolean inPre = parent != null && parent.pre;
      switch (tag) {
        case "b", "strong" -> a = a.with(Formats.BOLD, true);
        case "i", "em", "cite", "dfn", "var" -> a = a.with(Formats.ITALIC, true);
        case "u", "ins" -> a = a.with(Formats.UNDERLINE, true);
        case "s", "strike", "del" -> a = a.with(Formats.STRIKE, true);
        case "code", "kbd", "samp", "tt" -> a = inPre ? a : a.with(Formats.CODE, true);
        case "a" -> {
          String href = Links.safe(e.attr("href"));
          if (href != null) {
            a = a.with(Formats.LINK, href);
          }
        }
        default -> { }
      }
      Style style = Style.of(e.attr("style"));
      if (style.bold != null) {
        a = style.bold ? a.with(Formats.BOLD, true) : a.without(Formats.BOLD);
      }
      if (style.italic != null) {
        a = style.italic ? a.with(Formats.ITALIC, true) : a.without(Formats.ITALIC);
      }
      if (style.underline) {
        a = a.with(Formats.UNDERLINE, true);
      }
      if (style.strike) {
        a = a.with(Formats.STRIKE, true);
      }
      return a;
    }

    private static Attributes blockOf(Element e, String tag, Frame parent) {
      Attributes a = parent == null ? Attributes.EMPTY : parent.blockAttrs;
      switch (tag) {
        case "h1" -> a = a.with(Formats.HEADER, 1L);
        case "h2" -> a = a.with(Formats.HEADER, 2L);
        case "h3", "h4", "h5", "h6" -> a = a.with(Formats.HEADER, 3L);
        case "blockquote" -> a = a.with(Formats.BLOCKQUOTE, true);
        case "pre", "listing", "xmp", "plaintext" -> a = Attributes.of(Formats.CODE_BLOCK, true);
        case "li" -> {
          Element list = e.parent();
          a = a.with(Formats.LIST, list != null && list.normalName().equals("ol") ? "ordered" : "bullet");
        }
        case "ul", "ol" -> a = a.without(Formats.LIST); // a list item's paragraph, not its sub-list, is the item
        default -> { }
      }
      if (!BLOCK.contains(tag)) {
        return a;
      }
      String align = Style.of(e.attr("style")).align;
      if (align == null && e.hasAttr("align")) {
        align = e.attr("align").strip().toLowerCase(Locale.ROOT);
      }
      if (align != null) {
        a = switch (align) {
          case "center", "right", "justify" -> a.with(Formats.ALIGN, align);
          case "left", "start" -> a.without(Formats.ALIGN);
          default -> a;
        };
      }
      return a;
    }
  }

  /** The parts of an inline style attribute that carry Tandem formats. */
  private record Style(Boolean bold, Boolean italic, boolean underline, boolean strike, String align,
      String whiteSpace) {
    static final Style NONE = new Style(null, null, false, false, null, null);

    static Style of(String css) {
      if (css == null || css.isBlank()) {
        return NONE;
      }
      Boolean bold = null;
      Boolean italic = null;
      boolean underline = false;
      boolean strike = false;
      String align = null;
      String whiteSpace = null;
      for (String decl : css.split(";")) {
        int colon = decl.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String prop = decl.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = decl.substring(colon + 1).replace("!important", "").strip().toLowerCase(Locale.ROOT);
        switch (prop) {
          case "font-weight" -> bold = value.equals("bold") || value.equals("bolder")
              || value.matches("[6-9]00") ? Boolean.TRUE
              : value.equals("normal") || value.equals("lighter") || value.matches("[1-5]00") ? Boolean.FALSE : bold;
          case "font-style" -> italic = value.startsWith("italic") || value.startsWith("oblique") ? Boolean.TRUE
              : value.equals("normal") ? Boolean.FALSE : italic;
          case "text-decoration", "text-decoration-line" -> {
            underline |= value.contains("underline");
            strike |= value.contains("line-through");
          }
          case "text-align" -> align = value;
          case "white-space" -> whiteSpace = value;
          default -> { }
        }
      }
      return new Style(bold, italic, underline, strike, align, whiteSpace);
    }
  }
}
