package dev.tandem.app.view;

import dev.tandem.app.viewmodel.RoomViewModel;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;

/**
 * The bottom line: connection state (with the reconnect countdown), edits not yet on the server,
 * round-trip time, and how many people are here.
 */
final class StatusBar {
  private StatusBar() {}

  static Region create(RoomViewModel vm) {
    Circle dot = new Circle(5);
    dot.fillProperty().bind(Bindings.createObjectBinding(() -> switch (vm.stateProperty().get()) {
      case OPEN -> Color.web("#43a047");
      case CONNECTING, RECONNECTING -> Color.web("#fb8c00");
      case CLOSED, FAILED -> Color.web("#9e9e9e");
    }, vm.stateProperty()));
    Label state = label("status-state", vm.statusTextProperty());
    state.setGraphic(dot);
    Label pending = shownWhenSaying(label("status-pending", vm.pendingTextProperty()));
    Label rtt = shownWhenSaying(label("status-rtt", vm.rttTextProperty()));
    Label people = label("status-people", vm.peopleTextProperty());
    HBox bar = new HBox(18, state, pending, ViewNodes.spacer(), rtt, people);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.getStyleClass().add("status-bar");
    return bar;
  }

  /**
   * The label takes part in the bar only while it has something to say. An empty label is taller
   * than one with text (24 px against 16 here) and stuck out 4 px below the bar and the window
   * whenever the count of edits not yet on the server fell to zero; the bounds of the bar, the room
   * and the scene's root then changed twice per keystroke, and each time JavaFX painted the whole
   * window again instead of the changed part (docs/benchmarks.md, "Keystroke pass 8").
   */
  private static Label shownWhenSaying(Label l) {
    l.managedProperty().bind(l.textProperty().isNotEmpty());
    l.visibleProperty().bind(l.managedProperty());
    return l;
  }

  private static Label label(String id, javafx.beans.value.ObservableStringValue text) {
    Label l = new Label();
    l.setId(id);
    l.textProperty().bind(text);
    l.setMinWidth(Region.USE_PREF_SIZE); // the spacer gives way, not the words
    return l;
  }
}
