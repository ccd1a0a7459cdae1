package dev.tandem.app.view;

import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;

/** Small pieces the room's views share. */
final class ViewNodes {
  private ViewNodes() {}

  /** Takes the free width of an HBox or tool bar. */
  static Region spacer() {
    Region r = new Region();
    HBox.setHgrow(r, Priority.ALWAYS);
    return r;
  }

  /** A name with a dot in the person's colour. */
  static Label personRow(String name, String color) {
    Label l = new Label(name, new Circle(6, Color.web(color)));
    l.getStyleClass().add("person");
    return l;
  }
}
