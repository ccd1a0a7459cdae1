package dev.tandem.app.view;

import dev.tandem.app.viewmodel.Participant;
import dev.tandem.app.viewmodel.RoomViewModel;
import dev.tandem.app.viewmodel.ShareViewModel;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Window;

/**
 * The Share menu of the toolbar: copy the edit or read-only link; for the room's owner, change the
 * keys (old links stop working) and remove a participant. Binds to {@link ShareViewModel}.
 */
final class ShareMenu {
  private ShareMenu() {}

  static MenuButton create(RoomViewModel vm, java.util.function.Supplier<Window> owner) {
    ShareViewModel share = vm.share();
    MenuItem edit = new MenuItem("Copy edit link");
    edit.setId("copy-edit-link");
    edit.disableProperty().bind(share.editLinkProperty().isNull().or(vm.readOnlyProperty()));
    edit.setOnAction(e -> share.copyEditLink());
    MenuItem view = new MenuItem("Copy read-only link");
    view.setId("copy-view-link");
    view.disableProperty().bind(share.viewLinkProperty().isNull());
    view.setOnAction(e -> share.copyViewLink());

    SeparatorMenuItem ownerLine = new SeparatorMenuItem();
    MenuItem rotate = new MenuItem("Change keys (old links stop working)…");
    rotate.setId("rotate-keys");
    rotate.disableProperty().bind(share.rotatingProperty().or(vm.stateProperty()
        .isNotEqualTo(dev.tandem.sync.SyncSession.State.OPEN)));
    rotate.setOnAction(e -> {
      if (Questions.ask(owner.get(), "Change the room's keys?",
          "Everyone who joined with the current edit or read-only link is disconnected, and those "
              + "links stop working. You get new links to share.", "Change keys")) {
        share.rotateKeys();
      }
    });
    Menu remove = new Menu("Remove a participant");
    remove.setId("remove-participant");
    remove.setOnShowing(e -> fillRemove(remove, vm, owner));
    remove.getItems().add(new MenuItem("…")); // a Menu with no items never shows
    remove.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.participants().participants()));
    for (MenuItem ownerOnly : new MenuItem[] {ownerLine, rotate, remove}) {
      ownerOnly.visibleProperty().bind(share.ownerProperty());
    }
    MenuButton button = new MenuButton("Share", null, edit, view, ownerLine, rotate, remove);
    button.setId("share");
    return button;
  }

  private static void fillRemove(Menu menu, RoomViewModel vm, java.util.function.Supplier<Window> owner) {
    menu.getItems().clear();
    for (Participant p : vm.participants().participants()) {
      MenuItem item = new MenuItem(p.peer().user().name());
      item.setOnAction(e -> confirmRemove(vm, p, owner.get()));
      menu.getItems().add(item);
    }
  }

  /** Asks, then removes: used by the menu and by the participants list. */
  static void confirmRemove(RoomViewModel vm, Participant p, Window owner) {
    if (Questions.ask(owner, "Remove " + p.peer().user().name() + "?",
        p.peer().user().name() + " is disconnected from this room. They can come back with their "
            + "link unless you also change the keys.", "Remove")) {
      vm.share().remove(p);
    }
  }

  /** The system clipboard, as the view-model's {@link ShareViewModel.TextClipboard}. FX thread. */
  static void copy(String text) {
    ClipboardContent c = new ClipboardContent();
    c.putString(text);
    Clipboard.getSystemClipboard().setContent(c);
  }
}
