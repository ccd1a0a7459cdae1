package dev.tandem.ot;

import java.util.ArrayList;
import java.util.List;

/**
 * Test-only parser for the compact notation that {@link Delta#toString()} and {@link Op#toString()}
 * print, so a failing case can be pasted back into a table test:
 *
 * <pre>
 *   +"ab"{bold}  =3  =2{bold=null, header=1}  -2     (spaces or ", " between ops; [ ] optional)
 * </pre>
 *
 * An insert is {@code +"text"} (escapes {@code \n \" \\}), a retain {@code =N}, a delete
 * {@code -N}; attributes follow in braces as {@code key=value} with value {@code true}, {@code false},
 * {@code null}, an integer, {@code "string"} or a bare word, and a lone {@code key} meaning true.
 */
final class DeltaNotation {
  private final String src;
  private int pos;

  private DeltaNotation(String src) {
    this.src = src;
  }

  /** The canonical Delta of the ops in {@code notation} (normalized by the builder). */
  static Delta delta(String notation) {
    return Delta.of(ops(notation));
  }

  /** The ops exactly as written, not normalized. */
  static List<Op> ops(String notation) {
    return new DeltaNotation(notation).parseOps();
  }

  /** Attributes in brace notation, e.g. {@code {bold, link="x", italic=null}}; "" or "{}" is empty. */
  static Attributes attrs(String notation) {
    DeltaNotation p = new DeltaNotation(notation);
    p.skipSpace();
    Attributes a = p.peek() == '{' ? p.parseAttributes() : Attributes.EMPTY;
    p.skipSpace();
    p.expectEnd();
    return a;
  }

  private List<Op> parseOps() {
    List<Op> ops = new ArrayList<>();
    skipSeparators();
    if (peek() == '[') {
      pos++;
    }
    skipSeparators();
    while (pos < src.length() && peek() != ']') {
      char kind = src.charAt(pos++);
      Op op = switch (kind) {
        case '+' -> {
          String text = parseQuoted();
          yield new Op.Insert(text, optionalAttributes());
        }
        case '=' -> new Op.Retain(parseInt(), optionalAttributes());
        case '-' -> new Op.Delete(parseInt());
        default -> throw error("expected +, = or -");
      };
      ops.add(op);
      skipSeparators();
    }
    if (peek() == ']') {
      pos++;
    }
    skipSeparators();
    expectEnd();
    return ops;
  }

  private Attributes optionalAttributes() {
    return peek() == '{' ? parseAttributes() : Attributes.EMPTY;
  }

  private Attributes parseAttributes() {
    expect('{');
    Attributes.Builder b = Attributes.builder();
    skipSpace();
    while (peek() != '}') {
      int start = pos;
      while (pos < src.length() && "=,} ".indexOf(src.charAt(pos)) < 0) {
        pos++;
      }
      String key = src.substring(start, pos);
      skipSpace();
      Object value = Boolean.TRUE;
      if (peek() == '=') {
        pos++;
        skipSpace();
        value = parseValue();
      }
      b.put(key, value);
      skipSpace();
      if (peek() == ',') {
        pos++;
        skipSpace();
      }
    }
    expect('}');
    return b.build();
  }

  private Object parseValue() {
    if (peek() == '"') {
      return parseQuoted();
    }
    int start = pos;
    while (pos < src.length() && ",} ".indexOf(src.charAt(pos)) < 0) {
      pos++;
    }
    String word = src.substring(start, pos);
    return switch (word) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      case "null" -> null;
      default -> word.matches("-?\\d+") ? (Object) Long.parseLong(word) : word;
    };
  }

  private String parseQuoted() {
    expect('"');
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= src.length()) {
        throw error("unterminated string");
      }
      char c = src.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\\') {
        char e = src.charAt(pos++);
        sb.append(switch (e) {
          case 'n' -> '\n';
          case '"' -> '"';
          case '\\' -> '\\';
          default -> throw error("bad escape \\" + e);
        });
      } else {
        sb.append(c);
      }
    }
  }

  private int parseInt() {
    int start = pos;
    while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
      pos++;
    }
    if (start == pos) {
      throw error("expected a number");
    }
    return Integer.parseInt(src.substring(start, pos));
  }

  private char peek() {
    return pos < src.length() ? src.charAt(pos) : '\0';
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private void expectEnd() {
    if (pos != src.length()) {
      throw error("unexpected trailing input");
    }
  }

  private void skipSpace() {
    while (pos < src.length() && src.charAt(pos) == ' ') {
      pos++;
    }
  }

  private void skipSeparators() {
    while (pos < src.length() && (src.charAt(pos) == ' ' || src.charAt(pos) == ',')) {
      pos++;
    }
  }

  private IllegalArgumentException error(String message) {
    return new IllegalArgumentException(message + " at " + pos + " in: " + src);
  }
}
