package dev.tandem.app.view;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * Questions asked before something that cannot simply be taken back. The confirming button says
 * what it does ("Close anyway", "Change keys") rather than "OK", and Cancel is the default
 * answer of Escape. FX thread only.
 */
final class Questions {
  private Questions() {}

  /** A question whose confirming button is labelled {@code action}. */
  static Alert alert(String header, String text, String action) {
    ButtonType confirm = new ButtonType(action, ButtonData.OK_DONE);
    Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, ButtonType.CANCEL, confirm);
    alert.setHeaderText(header);
    return alert;
  }

  /** Shows the question (modal to {@code owner}) and tells whether the person confirmed it. */
  static boolean ask(Window owner, Alert alert) {
    alert.initOwner(owner);
    return alert.showAndWait().map(b -> b.getButtonData() == ButtonData.OK_DONE).orElse(false);
  }

  static boolean ask(Window owner, String header, String text, String action) {
    return ask(owner, alert(header, text, action));
  }
}
