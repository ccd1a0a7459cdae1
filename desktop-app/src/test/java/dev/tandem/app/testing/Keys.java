package dev.tandem.app.testing;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
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
    for (Node n : area.lookupAll(".paragraph-text")) {
      if (n instanceof TextFlow flow && flow.getParent() != null) {
        StringBuilder b = new StringBuilder();
        for (Node c : flow.getChildren()) {
          if (c instanceof Text t) {
            b.append(t.getText());
          }
        }
        shown.add(b.toString());
      }
    }
    return shown;
  }

  /** The first paragraph on screen starting with {@code prefix}, or null. */
  public static String paragraphOnScreen(Node area, String prefix) {
    return paragraphsOnScreen(area).stream().filter(p -> p.startsWith(prefix)).findFirst().orElse(null);
  }
}
