package dev.tandem.ot;

import java.util.Set;

/**
 * The attribute names Tandem's editor understands, with Quill's spelling. Attribute maps stay
 * open (Quill allows any key); these are the ones with meaning.
 *
 * <p>Inline formats ride on characters. Block formats ride on the {@code '\n'} that ends the
 * paragraph, so a paragraph's style is the attributes of its newline.
 */
public final class Formats {
  private Formats() {}

  // Inline: on characters.
  public static final String BOLD = "bold";
  public static final String ITALIC = "italic";
  public static final String UNDERLINE = "underline";
  public static final String STRIKE = "strike";
  public static final String CODE = "code";
  /** Value: the URL, a string. */
  public static final String LINK = "link";
  /** Value: the id of whoever inserted the text; stamped by the server, never by a client. */
  public static final String AUTHOR = "author";

  // Block: on the paragraph's '\n'.
  /** Value: 1, 2 or 3. */
  public static final String HEADER = "header";
  /** Value: "bullet" or "ordered". */
  public static final String LIST = "list";
  /** Value: true. */
  public static final String BLOCKQUOTE = "blockquote";
  /** Value: true. */
  public static final String CODE_BLOCK = "code-block";
  /** Value: "center", "right" or "justify" (absent = left). */
  public static final String ALIGN = "align";

  public static final Set<String> INLINE = Set.of(BOLD, ITALIC, UNDERLINE, STRIKE, CODE, LINK, AUTHOR);
  public static final Set<String> BLOCK = Set.of(HEADER, LIST, BLOCKQUOTE, CODE_BLOCK, ALIGN);

  /** True for attributes that belong on a paragraph's newline rather than on characters. */
  public static boolean isBlock(String key) {
    return BLOCK.contains(key);
  }
}
