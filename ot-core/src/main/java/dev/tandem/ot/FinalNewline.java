package dev.tandem.ot;

/**
 * A document always ends with its final {@code "\n"} (docs/protocol.md §3, "fit"), and a change
 * keeps it so when the document it leaves still ends with a {@code "\n"}: text it inserts after the
 * end must itself end with one (a paragraph added below the last one), and it may delete the final
 * {@code "\n"} only when what it leaves last is another {@code "\n"} (undoing such a paragraph, or
 * removing an empty last paragraph). The room server checks every op with this and the sync client
 * every local edit, so both give the same answer.
 */
public final class FinalNewline {
  private FinalNewline() {}

  /**
   * Null when {@code change}, applied to {@code document} (which ends with {@code "\n"}), leaves a
   * document that ends with {@code "\n"}; otherwise why not. A change that covers more than the
   * document is not judged here (null): the length check refuses it. O(change size + log n).
   */
  public static String misfit(Delta change, RichDocument document) {
    int length = document.length();
    long index = 0;
    Op lastOutput = null; // the last op that puts characters into the result
    long lastRetainEnd = 0;
    for (Op op : change) {
      switch (op) {
        case Op.Insert insert -> lastOutput = insert;
        case Op.Retain retain -> {
          index += retain.length();
          lastOutput = retain;
          lastRetainEnd = index;
        }
        case Op.Delete delete -> index += delete.length();
      }
      if (index > length) {
        return null;
      }
    }
    if (index < length) {
      return null; // the document's own end, its final "\n", follows unchanged
    }
    boolean endsWithNewline = switch (lastOutput) {
      case null -> false;
      case Op.Insert insert -> insert.text().endsWith("\n");
      case Op.Retain retain -> document.text((int) lastRetainEnd - 1, (int) lastRetainEnd).equals("\n");
      case Op.Delete delete -> throw new AssertionError("a delete puts nothing into the result");
    };
    return endsWithNewline ? null : "the change leaves the document without a final newline";
  }
}
