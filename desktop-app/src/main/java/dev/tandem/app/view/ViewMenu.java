package dev.tandem.app.view;

import dev.tandem.app.viewmodel.RoomViewModel;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuButton;

/** The View menu of the toolbar: "Show authors" (remembered in the preferences). */
final class ViewMenu {
  private ViewMenu() {}

  static MenuButton create(RoomViewModel vm) {
    CheckMenuItem authors = new CheckMenuItem("Show authors");
    authors.setId("show-authors");
    authors.selectedProperty().bindBidirectional(vm.showAuthorsProperty());
    MenuButton button = new MenuButton("View", null, authors);
    button.setId("view-menu");
    return button;
  }
}
