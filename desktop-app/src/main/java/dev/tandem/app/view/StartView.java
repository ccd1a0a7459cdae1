package dev.tandem.app.view;

import dev.tandem.app.viewmodel.StartViewModel;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The start screen: your name, New room, Join from a link, recent rooms. */
public final class StartView {
  private final VBox root = new VBox(14);
  private final HBox nameRow;

  public StartView(StartViewModel vm) {
    root.getStyleClass().add("start");
    root.setPadding(new Insets(40, 60, 40, 60));
    root.setAlignment(Pos.TOP_CENTER);
    root.setMaxWidth(640);

    Label title = new Label("Tandem");
    title.getStyleClass().add("start-title");
    Label subtitle = new Label("Write together, live. Start a room on this computer or join someone's.");
    subtitle.getStyleClass().add("start-subtitle");

    TextField name = new TextField();
    name.setId("name-field");
    name.setPromptText("Your name");
    name.textProperty().bindBidirectional(vm.nameProperty());
    nameRow = row(new Label("Your name"), name);

    Button newRoom = new Button("New room");
    newRoom.setId("new-room");
    newRoom.setDefaultButton(true);
    newRoom.getStyleClass().add("primary");
    newRoom.disableProperty().bind(vm.busyProperty());
    newRoom.setOnAction(e -> vm.newRoom());
    ProgressIndicator busy = new ProgressIndicator();
    busy.setPrefSize(20, 20);
    busy.visibleProperty().bind(vm.busyProperty());
    Label hostNote = new Label("Hosted on this computer; people on your network join with the link.");
    hostNote.getStyleClass().add("hint");
    VBox hostBox = card("Start a room", new HBox(10, newRoom, busy), hostNote);

    TextField link = new TextField();
    link.setId("link-field");
    link.setPromptText("tandem://… or https://…/r/…");
    link.textProperty().bindBidirectional(vm.linkTextProperty());
    link.setOnAction(e -> vm.join());
    Button join = new Button("Join");
    join.setId("join");
    join.setOnAction(e -> vm.join());
    HBox joinRow = new HBox(8, link, join);
    HBox.setHgrow(link, Priority.ALWAYS);
    VBox joinBox = card("Join a room", joinRow);

    Label error = new Label();
    error.setId("start-error");
    error.setWrapText(true);
    error.getStyleClass().add("error-banner");
    error.textProperty().bind(vm.errorProperty());
    error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
    error.managedProperty().bind(error.visibleProperty());
    error.setMaxWidth(Double.MAX_VALUE);
    error.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // the whole sentence, wrapped: it says what to do

    ListView<String> recent = new ListView<>(vm.recentRooms());
    recent.setId("recent-rooms");
    recent.setPrefHeight(150);
    recent.setPlaceholder(new Label("Rooms you open appear here."));
    recent.setCellFactory(l -> new ListCell<>() {
      @Override
      protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty || item == null ? null : vm.describeRecent(item));
      }
    });
    recent.setOnMouseClicked(e -> {
      if (e.getClickCount() == 2 && recent.getSelectionModel().getSelectedItem() != null) {
        vm.join(recent.getSelectionModel().getSelectedItem());
      }
    });
    VBox recentBox = card("Recent rooms (double-click to open)", recent);

    root.getChildren().addAll(title, subtitle, nameRow, error, hostBox, joinBox, recentBox);
  }

  /** Adds a line under the name field (the link to Preferences). */
  public void addBelowName(Node node) {
    root.getChildren().add(root.getChildren().indexOf(nameRow) + 1, node);
  }

  /** Adds a card after "Join a room" (the "Open a file into a new room" card). */
  public void addCard(Node card) {
    root.getChildren().add(root.getChildren().size() - 1, card);
  }

  private static HBox row(Node label, Node field) {
    HBox row = new HBox(10, label, field);
    row.setAlignment(Pos.CENTER_LEFT);
    HBox.setHgrow(field, Priority.ALWAYS);
    return row;
  }

  private static VBox card(String title, Node... content) {
    Label t = new Label(title);
    t.getStyleClass().add("card-title");
    VBox box = new VBox(8, t);
    box.getChildren().addAll(content);
    box.getStyleClass().add("card");
    box.setPadding(new Insets(14));
    return box;
  }

  public Node root() {
    return root;
  }
}
