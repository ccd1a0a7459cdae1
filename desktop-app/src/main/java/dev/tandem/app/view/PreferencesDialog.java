package dev.tandem.app.view;

import dev.tandem.app.viewmodel.PreferencesViewModel;
import dev.tandem.app.viewmodel.PreferencesViewModel.Theme;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.text.Font;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * The Preferences dialog (View → Preferences…, Ctrl+, / Cmd+,). Its controls are bound to a
 * {@link PreferencesViewModel}: every change is saved and applied to the open windows at once, so
 * the dialog has only a Close button. Not modal: the windows behind it show each change. FX thread.
 */
final class PreferencesDialog {
  private PreferencesDialog() {}

  /** Makes the dialog (not yet shown), styled like {@code owner}'s scene. */
  static Dialog<ButtonType> create(PreferencesViewModel vm, Window owner, List<String> stylesheets) {
    Dialog<ButtonType> dialog = new Dialog<>();
    dialog.setTitle("Preferences");
    dialog.setHeaderText("Preferences");
    dialog.initOwner(owner);
    dialog.initModality(Modality.NONE);
    dialog.getDialogPane().setId("preferences");
    dialog.getDialogPane().getStylesheets().setAll(stylesheets);
    dialog.getDialogPane().getStyleClass().add("preferences");
    dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);

    TextField name = new TextField(vm.nameProperty().get());
    name.setId("pref-name");
    name.setPrefColumnCount(20);
    // Typed freely; a blank name is not saved, and the field shows what is while it is blank.
    name.textProperty().addListener((o, was, now) -> vm.nameProperty().set(now));

    GridPane grid = new GridPane();
    grid.setHgap(12);
    grid.setVgap(12);
    grid.setPadding(new Insets(12, 16, 8, 16));
    int row = 0;
    grid.addRow(row++, label("Your name"), name);
    grid.addRow(row++, label("Your colour"), colourRow(vm));
    Label seen = new Label("Others see your name and colour (caret, text tint) from the next room you open or join.");
    seen.getStyleClass().add("hint");
    seen.setWrapText(true);
    seen.setMaxWidth(420);
    // Without a minimum height the grid gives the hint one line and cuts it ("…from the ne…").
    seen.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    grid.add(seen, 1, row++);
    grid.addRow(row++, label("Theme"), themeRow(vm));
    grid.addRow(row++, label("Editor font"), fontRow(vm));
    grid.addRow(row++, label("Port for rooms I host"), portRow(vm));
    Label status = new Label();
    status.setId("pref-host-status");
    status.getStyleClass().add("hint");
    status.setWrapText(true);
    status.setMaxWidth(420);
    status.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    status.textProperty().bind(vm.hostingStatusProperty());
    grid.add(status, 1, row++);
    dialog.getDialogPane().setContent(grid);
    return dialog;
  }

  private static Label label(String text) {
    Label l = new Label(text);
    l.getStyleClass().add("pref-label");
    return l;
  }

  /** The palette as swatches, and a picker for any other colour. */
  private static HBox colourRow(PreferencesViewModel vm) {
    HBox row = new HBox(6);
    row.setAlignment(Pos.CENTER_LEFT);
    ToggleGroup swatches = new ToggleGroup();
    for (String c : vm.palette()) {
      ToggleButton swatch = new ToggleButton();
      swatch.setId("pref-color-" + c.substring(1));
      swatch.getStyleClass().add("swatch");
      swatch.setGraphic(new Circle(9, Color.web(c)));
      swatch.setToggleGroup(swatches);
      swatch.setUserData(c);
      swatch.setOnAction(e -> {
        vm.colorProperty().set(c);
        swatch.setSelected(true); // pressing the chosen one again keeps it chosen
      });
      row.getChildren().add(swatch);
    }
    ColorPicker other = new ColorPicker(Color.web(vm.colorProperty().get()));
    other.setId("pref-color-picker");
    other.getStyleClass().add("button");
    other.setOnAction(e -> vm.colorProperty().set(hex(other.getValue())));
    Runnable show = () -> {
      String c = vm.colorProperty().get();
      swatches.getToggles().forEach(t -> t.setSelected(c.equals(t.getUserData())));
      if (!c.equals(hex(other.getValue()))) {
        other.setValue(Color.web(c));
      }
    };
    vm.colorProperty().addListener((o, was, now) -> show.run());
    show.run();
    row.getChildren().add(other);
    return row;
  }

  private static HBox themeRow(PreferencesViewModel vm) {
    ToggleGroup group = new ToggleGroup();
    HBox row = new HBox(14);
    for (Theme theme : Theme.values()) {
      RadioButton b = new RadioButton(theme.toString());
      b.setId("pref-theme-" + theme.name().toLowerCase(java.util.Locale.ROOT));
      b.setToggleGroup(group);
      b.setUserData(theme);
      b.setSelected(vm.themeProperty().get() == theme);
      b.setOnAction(e -> vm.themeProperty().set(theme));
      row.getChildren().add(b);
    }
    vm.themeProperty().addListener((o, was, now) ->
        group.getToggles().forEach(t -> t.setSelected(t.getUserData() == now)));
    return row;
  }

  private static HBox fontRow(PreferencesViewModel vm) {
    List<String> families = new java.util.ArrayList<>(Font.getFamilies());
    if (!families.contains(vm.fontFamilyProperty().get())) {
      families.addFirst(vm.fontFamilyProperty().get());
    }
    ComboBox<String> family = new ComboBox<>(FXCollections.observableArrayList(families));
    family.setId("pref-font-family");
    family.setVisibleRowCount(12);
    family.valueProperty().bindBidirectional(vm.fontFamilyProperty());
    Spinner<Integer> size = new Spinner<>(PreferencesViewModel.MIN_FONT_SIZE, PreferencesViewModel.MAX_FONT_SIZE,
        vm.fontSizeProperty().get());
    size.setId("pref-font-size");
    size.setEditable(true);
    size.setPrefWidth(80);
    size.valueProperty().addListener((o, was, now) -> {
      if (now != null) {
        vm.fontSizeProperty().set(now);
      }
    });
    vm.fontSizeProperty().addListener((o, was, now) -> size.getValueFactory().setValue(now.intValue()));
    HBox row = new HBox(8, family, size, new Label("px"));
    row.setAlignment(Pos.CENTER_LEFT);
    return row;
  }

  /**
   * The hosting port: digits only; a port out of range is shown as such and not saved (the last
   * good one stays).
   */
  private static HBox portRow(PreferencesViewModel vm) {
    TextField port = new TextField(Integer.toString(vm.hostPortProperty().get()));
    port.setId("pref-host-port");
    port.setPrefColumnCount(6);
    port.setTextFormatter(new javafx.scene.control.TextFormatter<String>(
        change -> change.getControlNewText().matches("\\d{0,5}") ? change : null));
    Label problem = new Label();
    problem.setId("pref-host-port-problem");
    problem.getStyleClass().add("hint");
    port.textProperty().addListener((o, was, now) -> {
      int p = now.isEmpty() ? -1 : Integer.parseInt(now);
      if (dev.tandem.app.prefs.UserPreferences.isHostPort(p)) {
        problem.setText("");
        vm.hostPortProperty().set(p);
      } else {
        problem.setText("Choose a port from " + dev.tandem.app.prefs.UserPreferences.MIN_HOST_PORT
            + " to " + dev.tandem.app.prefs.UserPreferences.MAX_HOST_PORT + ".");
      }
    });
    HBox row = new HBox(8, port, problem);
    row.setAlignment(Pos.CENTER_LEFT);
    return row;
  }

  private static String hex(Color c) {
    return String.format("#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
        Math.round(c.getBlue() * 255));
  }
}
