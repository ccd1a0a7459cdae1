package dev.tandem.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.app.prefs.UserPreferences;
import dev.tandem.app.testing.Fx;
import dev.tandem.app.testing.LoopbackHost;
import dev.tandem.app.testing.Shots;
import dev.tandem.app.testing.SideBySide;
import dev.tandem.app.view.TandemWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every sentence on the start screen is shown whole at the window's first size: a label that is
 * too long for its line wraps, it is never cut to "…". The Headless platform, a real window.
 */
class StartScreenTextTest {
  private LoopbackHost rooms;
  private Preferences node;

  @BeforeEach
  void setUp() throws Exception {
    Fx.start();
    rooms = new LoopbackHost("tandem-start-text");
    node = Preferences.userRoot().node("dev/tandem/test/" + UUID.randomUUID());
  }

  @AfterEach
  void tearDown() throws Exception {
    Fx.run(() -> {
      for (Window w : List.copyOf(Window.getWindows())) {
        if (w instanceof Stage s) {
          s.close();
        }
      }
    });
    rooms.close();
    node.removeNode();
  }

  @Test
  void noLabelOnTheStartScreenIsCutShort() {
    UserPreferences prefs = SideBySide.person(node.node("ana"), "Ana", "#e91e63");
    TandemWindow window = Fx.call(() -> {
      TandemWindow w = new TandemWindow(new Stage(), prefs, rooms.host(),
          LoopbackHost.connector(b -> b), rooms.background());
      w.stage().setX(0);
      w.stage().setY(0);
      w.showStart();
      w.stage().show();
      return w;
    });
    Shots.save(window.scene().getRoot(), "01b-start-screen-text");
    List<String> cut = Fx.call(() -> {
      window.scene().getRoot().applyCss();
      window.scene().getRoot().layout();
      List<String> found = new ArrayList<>();
      collectCut(window.scene().getRoot(), found);
      return found;
    });
    List<String> labels = Fx.call(() -> {
      List<String> all = new ArrayList<>();
      collectLabels(window.scene().getRoot(), all);
      return all;
    });
    assertThat(labels).as("the start screen's labels").anyMatch(t -> t.contains("becomes the document of a new room"));
    assertThat(cut).as("labels shown cut short (text shown ≠ label's text)").isEmpty();
  }

  /** Visible labels and buttons whose skin shows less than their text (the "…" of an overrun). */
  private static void collectCut(Node node, List<String> found) {
    if (!node.isVisible()) {
      return;
    }
    if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isEmpty()) {
      String shown = labeled.getChildrenUnmodifiable().stream()
          .filter(Text.class::isInstance).map(n -> ((Text) n).getText()).findFirst().orElse("");
      if (!shown.equals(labeled.getText())) {
        found.add("\"" + labeled.getText() + "\" shown as \"" + shown + "\"");
      }
    }
    if (node instanceof Parent parent) {
      parent.getChildrenUnmodifiable().forEach(child -> collectCut(child, found));
    }
  }

  private static void collectLabels(Node node, List<String> all) {
    if (node instanceof Labeled labeled && labeled.getText() != null) {
      all.add(labeled.getText());
    }
    if (node instanceof Parent parent) {
      parent.getChildrenUnmodifiable().forEach(child -> collectLabels(child, all));
    }
  }
}
