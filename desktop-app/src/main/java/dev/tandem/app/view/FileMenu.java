package dev.tandem.app.view;

import dev.tandem.app.files.DocumentFormat;
import dev.tandem.app.viewmodel.FileViewModel;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The room window's File menu (Open…, Export as ▸ text / Markdown / HTML) and the strip under it
 * that shows progress while a file is read or written, then the outcome. Thin: the work is in
 * {@link FileViewModel}; the questions are {@link FileDialogs}.
 */
public final class FileMenu {
  private final FileViewModel vm;
  private final VBox root;
  private final MenuBar bar;
  private FileDialogs dialogs;

  /**
   * @param readOnly true while the room may not be edited (Open is disabled then)
   * @param documentIsEmpty asked before replacing, to skip the question for an empty document
   * @param owner the window dialogs belong to
   */
  public FileMenu(FileViewModel vm, FileDialogs dialogs, ObservableBooleanValue readOnly,
      java.util.function.BooleanSupplier documentIsEmpty, java.util.function.Supplier<Window> owner) {
    this.vm = vm;
    this.dialogs = dialogs;
    MenuItem open = new MenuItem("Open…");
    open.setId("file-open");
    open.setAccelerator(KeyCombination.valueOf("Shortcut+O"));
    open.disableProperty().bind(Bindings.createBooleanBinding(() -> readOnly.get() || vm.busyProperty().get(),
        readOnly, vm.busyProperty()));
    open.setOnAction(e -> this.dialogs.chooseFileToOpen(owner.get()).ifPresent(path -> {
      String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
      if (documentIsEmpty.getAsBoolean() || this.dialogs.confirmReplace(owner.get(), name)) {
        vm.open(path);
      }
    }));
    Menu export = new Menu("Export as");
    export.setId("file-export");
    for (DocumentFormat f : DocumentFormat.values()) {
      MenuItem item = new MenuItem(f.label() + " (." + f.extension() + ")…");
      item.setId("export-" + f.extension());
      item.disableProperty().bind(vm.busyProperty());
      item.setOnAction(e -> this.dialogs.chooseExportTarget(owner.get(), f, "Tandem document")
          .ifPresent(path -> vm.export(path, f)));
      export.getItems().add(item);
    }
    Menu file = new Menu("File", null, open, export);
    file.setId("file-menu");
    bar = new MenuBar(file);
    bar.getStyleClass().add("file-menu-bar");
    root = new VBox(bar, strip());
  }

  /** The menu bar and the progress strip, to put above the toolbar. */
  public Node node() {
    return root;
  }

  public MenuBar menuBar() {
    return bar;
  }

  public FileViewModel viewModel() {
    return vm;
  }

  /** Replaces the dialogs (UI tests answer with fixed files). */
  public void setDialogs(FileDialogs dialogs) {
    this.dialogs = dialogs;
  }

  private Node strip() {
    ProgressBar progress = new ProgressBar();
    progress.setId("file-progress");
    progress.setPrefWidth(160);
    progress.progressProperty().bind(vm.progressProperty());
    progress.visibleProperty().bind(vm.busyProperty());
    progress.managedProperty().bind(progress.visibleProperty());
    Label status = new Label();
    status.setId("file-status");
    status.textProperty().bind(Bindings.when(vm.busyProperty()).then(vm.statusProperty()).otherwise(vm.messageProperty()));
    status.setWrapText(true);
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Button close = new Button("✕");
    close.setId("file-message-close");
    close.setOnAction(e -> vm.dismissMessage());
    close.visibleProperty().bind(vm.busyProperty().not());
    HBox strip = new HBox(10, progress, status, spacer, close);
    strip.setAlignment(Pos.CENTER_LEFT);
    strip.setId("file-strip");
    strip.getStyleClass().add("file-strip");
    vm.messageIsErrorProperty().addListener((o, a, error) -> strip.getStyleClass().setAll(
        error ? java.util.List.of("file-strip", "error-banner") : java.util.List.of("file-strip")));
    strip.visibleProperty().bind(vm.busyProperty().or(vm.messageProperty().isNotEmpty()));
    strip.managedProperty().bind(strip.visibleProperty());
    return strip;
  }
}
