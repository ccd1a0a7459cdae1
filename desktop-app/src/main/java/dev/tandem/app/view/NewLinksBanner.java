package dev.tandem.app.view;

import dev.tandem.app.viewmodel.ShareViewModel;
import dev.tandem.app.viewmodel.ShareViewModel.NewLinks;
import javafx.beans.property.ObjectProperty;
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
 * Links to share, shown above the document until dismissed: the new room's links right after it
 * was created (the edit link is on the clipboard already), and the new links after the owner
 * changed the keys. Each link is selectable and has a Copy button. Not a dialog: nothing blocks.
 */
final class NewLinksBanner {
  private NewLinksBanner() {}

  /** After a key rotation (ids {@code new-links}, {@code new-edit-link} …). */
  static Node afterRotation(ShareViewModel share) {
    return create(share, share.rotatedProperty(), "new",
        "New keys: the old links no longer work. Share these instead:");
  }

  /** For the room just created (ids {@code room-links}, {@code room-edit-link} …). */
  static Node forNewRoom(ShareViewModel share) {
    return create(share, share.createdProperty(), "room",
        "Your room is ready. Anyone with the edit link can edit; the read-only link lets people watch.");
  }

  private static Node create(ShareViewModel share, ObjectProperty<NewLinks> links, String id, String text) {
    Label title = new Label(text);
    title.getStyleClass().add("banner-title");
    title.setWrapText(true);
    title.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    TextField edit = linkField(id + "-edit-link");
    TextField view = linkField(id + "-view-link");
    Button copyEdit = new Button("Copy");
    copyEdit.setId("copy-" + id + "-edit-link");
    copyEdit.setOnAction(e -> share.copyEditLink());
    Button copyView = new Button("Copy");
    copyView.setId("copy-" + id + "-view-link");
    copyView.setOnAction(e -> share.copyViewLink());
    GridPane grid = new GridPane();
    grid.setHgap(8);
    grid.setVgap(4);
    grid.addRow(0, new Label("Edit link"), edit, copyEdit);
    grid.addRow(1, new Label("Read-only link"), view, copyView);
    GridPane.setHgrow(edit, Priority.ALWAYS);
    GridPane.setHgrow(view, Priority.ALWAYS);
    Label copied = new Label();
    copied.setId(id + "-links-copied");
    copied.getStyleClass().add("copied-note");
    copied.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the title wraps; this stays whole
    copied.textProperty().bind(share.copiedProperty());
    Button close = new Button("✕");
    close.setId(id + "-links-close");
    close.setOnAction(e -> links.set(null));
    HBox top = new HBox(10, title, ViewNodes.spacer(), copied, close);
    HBox.setHgrow(title, Priority.SOMETIMES);
    top.setAlignment(Pos.CENTER_LEFT);
    VBox banner = new VBox(6, top, grid);
    banner.setId(id + "-links");
    banner.getStyleClass().add("info-banner");
    Runnable fill = () -> {
      NewLinks now = links.get();
      edit.setText(now == null || now.editLink() == null ? "" : now.editLink());
      view.setText(now == null || now.viewLink() == null ? "" : now.viewLink());
    };
    links.addListener((o, was, now) -> fill.run());
    fill.run();
    banner.visibleProperty().bind(links.isNotNull());
    banner.managedProperty().bind(banner.visibleProperty());
    return banner;
  }

  private static TextField linkField(String id) {
    TextField f = new TextField();
    f.setId(id);
    f.setEditable(false);
    f.setFocusTraversable(false);
    return f;
  }
}
