package dev.tandem.app.view;

import dev.tandem.app.host.LocalHost.Listening;
import dev.tandem.app.viewmodel.HostingMessages;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * Above a hosted room's document when the embedded server could not have its usual port: says
 * that links from earlier sessions won't reach this copy and what to do. Dismissable; not a dialog.
 */
final class HostingNotice {
  private HostingNotice() {}

  /** The notice (ids {@code hosting-notice}, {@code hosting-notice-text}, {@code hosting-notice-close}). */
  static Node create(Listening listening) {
    Label text = new Label(HostingMessages.fellBack(listening));
    text.setId("hosting-notice-text");
    text.setWrapText(true);
    text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    Button close = new Button("✕");
    close.setId("hosting-notice-close");
    HBox notice = new HBox(10, text, close);
    HBox.setHgrow(text, Priority.ALWAYS);
    text.setMaxWidth(Double.MAX_VALUE);
    notice.setAlignment(Pos.CENTER_LEFT);
    notice.setId("hosting-notice");
    notice.getStyleClass().add("info-banner");
    close.setOnAction(e -> {
      notice.setVisible(false);
      notice.setManaged(false);
    });
    return notice;
  }
}
