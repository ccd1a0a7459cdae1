package dev.tandem.app.view;

import dev.tandem.app.viewmodel.Participant;
import dev.tandem.app.viewmodel.RoomViewModel;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.VBox;

/**
 * The people in the room: ourselves, then everyone else with their colour, role and a "typing…"
 * hint; the latest join/leave notice under them. The owner removes someone from a row's context
 * menu.
 */
final class ParticipantsPane {
  private ParticipantsPane() {}

  static Node create(RoomViewModel vm, java.util.function.Supplier<javafx.stage.Window> owner) {
    Label title = new Label("People");
    title.getStyleClass().add("side-title");
    Label me = ViewNodes.personRow(vm.me().name() + " (you)", vm.me().color());
    ListView<Participant> people = new ListView<>(vm.participants().participants());
    people.setId("participants");
    people.getStyleClass().add("people-list");
    Label alone = new Label("No one else is here yet.\nShare the link to invite someone.");
    alone.getStyleClass().add("hint");
    alone.setWrapText(true);
    people.setPlaceholder(alone);
    people.setPrefHeight(140);
    people.setCellFactory(l -> new ListCell<>() {
      @Override
      protected void updateItem(Participant p, boolean empty) {
        super.updateItem(p, empty);
        setText(null);
        if (empty || p == null) {
          setGraphic(null);
          setContextMenu(null);
          return;
        }
        Label row = ViewNodes.personRow(p.label(), p.peer().user().color());
        row.getStyleClass().removeAll("typing");
        if (p.typing()) {
          row.getStyleClass().add("typing");
        }
        setGraphic(row);
        MenuItem remove = new MenuItem("Remove " + p.peer().user().name() + " from the room…");
        remove.setOnAction(e -> ShareMenu.confirmRemove(vm, p, owner.get()));
        remove.visibleProperty().bind(vm.share().ownerProperty());
        setContextMenu(vm.share().ownerProperty().get() ? new ContextMenu(remove) : null);
      }
    });
    vm.share().ownerProperty().addListener((o, was, now) -> people.refresh());
    Label notice = new Label();
    notice.setId("people-notice");
    notice.getStyleClass().add("hint");
    notice.setWrapText(true);
    notice.textProperty().bind(vm.participants().noticeProperty());
    notice.visibleProperty().bind(notice.textProperty().isNotEmpty());
    notice.managedProperty().bind(notice.visibleProperty());
    return new VBox(8, title, me, people, notice);
  }
}
