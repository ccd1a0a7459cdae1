package dev.tandem.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import javafx.beans.value.ObservableValue;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import org.junit.jupiter.api.Test;

/** AuthorTints without the toolkit: off by default, colours of present people, neutral for the absent. */
class AuthorTintsTest {
  @Test
  void offByDefaultThenEachPresentAuthorsColourAndGreyForTheAbsent() {
    AuthorTints tints = new AuthorTints();
    int[] repaints = {0};
    tints.setRepaint(() -> repaints[0]++);
    ObservableValue<Paint> ana = tints.tintOf("ana");
    ObservableValue<Paint> gone = tints.tintOf("gone");
    tints.setColours(Map.of("ana", "#e91e63", "bo", "#1e88e5"));
    assertThat(ana.getValue()).isNull();
    assertThat(repaints[0]).as("nothing shown, nothing to repaint").isZero();

    tints.setShowing(true);
    assertThat(repaints[0]).isEqualTo(1);
    Color a = (Color) ana.getValue();
    assertThat(a.getRed()).isEqualTo(Color.web("#e91e63").getRed());
    assertThat(a.getOpacity()).isBetween(0.1, 0.5);
    assertThat(tints.tintOf("ana")).as("one observable per author").isSameAs(ana);
    Color g = (Color) gone.getValue();
    assertThat(g.getRed()).isEqualTo(AuthorTints.ABSENT.getRed());
    assertThat(((Color) tints.tintOf("bo").getValue()).getBlue()).isEqualTo(Color.web("#1e88e5").getBlue());

    // Ana leaves: her text turns neutral
    tints.setColours(Map.of("bo", "#1e88e5"));
    assertThat(((Color) ana.getValue()).getRed()).isEqualTo(AuthorTints.ABSENT.getRed());
    assertThat(repaints[0]).isEqualTo(2);

    tints.setShowing(false);
    assertThat(ana.getValue()).isNull();
    assertThat(tints.tintOf("bo").getValue()).isNull();
  }
}
