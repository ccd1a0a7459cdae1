package dev.tandem.app.view;

import dev.tandem.app.viewmodel.ShareViewModel;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Shown above the document after the owner changed the keys: the new edit and read-only links,
 * each selectable and with a Copy button, until dismissed. Not a dialog: nothing blocks.
 */
final class NewLinksBanner {
  private NewLinksBanner() {}

  static Node create(ShareViewModel share) {
    Label title = new Label("New keys: the old links no longer work. Share these instead:");
    title.getStyleClass().add("banner-title");
    TextField edit = linkField("new-edit-link");
    TextField view = linkField("new-view-link");
    GridPane grid = new GridPane();
    grid.setHgap(8);
    grid.setVgap(4);
    grid.addRow(0, new Label("Edit link"), edit, copyButton("copy-new-edit-link", edit));
    grid.addRow(1, new Label("Read-only link"), view, copyButton("copy-new-view-link", view));
    GridPane.setHgrow(edit, Priority.ALWAYS);
    GridPane.setHgrow(view, Priority.ALWAYS);
    Button close = new Button("✕");
    close.setId("new-links-close");
    close.setOnAction(e -> share.rotatedProperty().set(null));
    HBox top = new HBox(10, title, ViewNodes.spacer(), close);
    top.setAlignment(Pos.CENTER_LEFT);
    VBox banner = new VBox(6, top, grid);
    banner.setId("new-links");
    banner.getStyleClass().add("info-banner");
    share.rotatedProperty().addListener((o, was, links) -> {
      edit.setText(links == null || links.editLink() == null ? "" : links.editLink());
      view.setText(links == null || links.viewLink() == null ? "" : links.viewLink());
    });
    banner.visibleProperty().bind(share.rotatedProperty().isNotNull());
    banner.managedProperty().bind(banner.visibleProperty());
    return banner;
  }

  private static TextField linkField(String id) {
    TextField f = new TextField();
    f.setId(id);
    f.setEditable(false);
    return f;
  }

  private static Button copyButton(String id, TextField field) {
    Button b = new Button("Copy");
    b.setId(id);
    b.setOnAction(e -> ShareMenu.copy(field.getText()));
    return b;
  }
}
