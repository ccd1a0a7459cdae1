package dev.tandem.app.view;

import dev.tandem.app.viewmodel.RoomViewModel;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;

/** The room window's View menu, in the menu bar after File: "Show authors" (remembered in the preferences). */
final class ViewMenu {
  private ViewMenu() {}

  static Menu create(RoomViewModel vm) {
    CheckMenuItem authors = new CheckMenuItem("Show authors");
    authors.setId("show-authors");
    authors.selectedProperty().bindBidirectional(vm.showAuthorsProperty());
    Menu menu = new Menu("View", null, authors);
    menu.setId("view-menu");
    return menu;
  }
}
