package dev.tandem.app.testing;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * A key as glass delivers it, fired at an editor area, and what the area's paragraphs show on
 * screen afterwards (their text nodes as laid out, not the model). FX thread only.
 */
public final class Keys {
  private Keys() {}

  /** KEY_PRESSED, KEY_TYPED (when {@code character} is not empty) and KEY_RELEASED. */
  public static void type(Node area, KeyCode code, String character) {
    area.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, false, false, false, false));
    if (!character.isEmpty()) {
      area.fireEvent(new KeyEvent(KeyEvent.KEY_TYPED, character, character, KeyCode.UNDEFINED, false, false, false, false));
    }
    area.fireEvent(new KeyEvent(KeyEvent.KEY_RELEASED, "", "", code, false, false, false, false));
  }

  /** The text of each paragraph cell in the scene, in the order of its nodes. */
  public static List<String> paragraphsOnScreen(Node area) {
    List<String> shown = new ArrayList<>();
    collectParagraphs(area, null, shown);
    return shown;
  }

  /** The first paragraph on screen starting with {@code prefix}, or null. */
  public static String paragraphOnScreen(Node area, String prefix) {
    List<String> found = new ArrayList<>(1);
    collectParagraphs(area, prefix, found);
    return found.isEmpty() ? null : found.getFirst();
  }

  /**
   * Depth first, in the order of the nodes (as {@code lookupAll(".paragraph-text")} would, without
   * parsing a selector on every call: the keystroke probe calls this two or three times per key on
   * the FX thread it measures). With a {@code prefix}, stops at the first paragraph that has it.
   */
  private static boolean collectParagraphs(Node node, String prefix, List<String> out) {
    if (node instanceof TextFlow flow && flow.getStyleClass().contains("paragraph-text") && flow.getParent() != null) {
      StringBuilder b = new StringBuilder();
      for (Node c : flow.getChildren()) {
        if (c instanceof Text t) {
          b.append(t.getText());
        }
      }
      String text = b.toString();
      if (prefix == null || text.startsWith(prefix)) {
        out.add(text);
        if (prefix != null) {
          return true;
        }
      }
    }
    if (node instanceof Parent parent) {
      for (Node child : parent.getChildrenUnmodifiable()) {
        if (collectParagraphs(child, prefix, out)) {
          return true;
        }
      }
    }
    return false;
  }
}
