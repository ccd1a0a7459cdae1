package dev.tandem.app.view;

import dev.tandem.app.viewmodel.StartViewModel;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The start screen's "Open a file into a new room" card. */
public final class OpenFileCard {
  private final VBox root;

  public OpenFileCard(StartViewModel vm, Supplier<FileDialogs> dialogs, Supplier<Window> owner) {
    Label title = new Label("Open a file into a new room");
    title.getStyleClass().add("card-title");
    Button open = new Button("Open a file…");
    open.setId("open-file-new-room");
    open.disableProperty().bind(vm.busyProperty());
    open.setOnAction(e -> dialogs.get().chooseFileToOpen(owner.get()).ifPresent(vm::openFileIntoNewRoom));
    ProgressIndicator busy = new ProgressIndicator();
    busy.setPrefSize(20, 20);
    busy.visibleProperty().bind(vm.busyTextProperty().isNotEmpty());
    Label busyText = new Label();
    busyText.setId("open-file-status");
    busyText.textProperty().bind(vm.busyTextProperty());
    HBox row = new HBox(10, open, busy, busyText);
    row.setAlignment(Pos.CENTER_LEFT);
    Label hint = new Label("A .txt, .md or .html file becomes the document of a new room on this computer.");
    hint.setWrapText(true);
    hint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wraps to a second line instead of "…"
    hint.getStyleClass().add("hint");
    root = new VBox(8, title, row, hint);
    root.getStyleClass().add("card");
    root.setPadding(new Insets(14));
  }

  public Node root() {
    return root;
  }
}
