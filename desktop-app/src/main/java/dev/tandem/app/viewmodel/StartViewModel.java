package dev.tandem.app.viewmodel;

import dev.tandem.app.host.LocalHost;
import dev.tandem.app.prefs.UserPreferences;
import dev.tandem.app.session.FailureMessages;
import dev.tandem.sync.RoomLink;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The start screen: host a new room, join one from a pasted link, reopen a recent one.
 * Hosting blocks (it may start the server), so it runs on {@code background}; results come back
 * through {@code ui}.
 */
public final class StartViewModel {
  private final StringProperty name = new SimpleStringProperty();
  private final StringProperty linkText = new SimpleStringProperty("");
  private final StringProperty error = new SimpleStringProperty("");
  private final BooleanProperty busy = new SimpleBooleanProperty(false);
  private final ObservableList<String> recentRooms = FXCollections.observableArrayList();

  private final UserPreferences prefs;
  private final LocalHost host;
  private final Executor background;
  private final Executor ui;
  private final Consumer<RoomRequest> opener;

  public StartViewModel(UserPreferences prefs, LocalHost host, Executor background, Executor ui,
      Consumer<RoomRequest> opener) {
    this.prefs = prefs;
    this.host = host;
    this.background = background;
    this.ui = ui;
    this.opener = opener;
    name.set(prefs.name());
    name.addListener((o, a, b) -> {
      if (b != null && !b.isBlank()) {
        prefs.setName(b);
      }
    });
    recentRooms.setAll(prefs.recentRooms());
  }

  public StringProperty nameProperty() { return name; }
  public StringProperty linkTextProperty() { return linkText; }
  public StringProperty errorProperty() { return error; }
  public BooleanProperty busyProperty() { return busy; }
  public ObservableList<String> recentRooms() { return recentRooms; }

  /** Joins the room in the link field; a bad link becomes an error message, nothing more. */
  public void join() {
    join(linkText.get());
  }

  public void join(String text) {
    RoomLink link;
    try {
      link = RoomLink.parse(text == null ? "" : text);
    } catch (IllegalArgumentException e) {
      error.set(FailureMessages.BAD_LINK);
      return;
    }
    error.set("");
    remember(text.strip());
    opener.accept(new RoomRequest(link, text.strip(), null, false));
  }

  /** Hosts a new room on this computer and opens it. */
  public void newRoom() {
    if (busy.get()) {
      return;
    }
    busy.set(true);
    error.set("");
    background.execute(() -> {
      try {
        LocalHost.HostedRoom room = host.createRoom();
        ui.execute(() -> {
          busy.set(false);
          remember(room.editLink());
          opener.accept(new RoomRequest(RoomLink.parse(room.editLink()), room.editLink(), room.viewLink(), true));
        });
      } catch (Exception e) {
        ui.execute(() -> {
          busy.set(false);
          error.set("Tandem couldn't start hosting a room on this computer ("
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + "). Check that the data folder is writable, or join someone else's room.");
        });
      }
    });
  }

  private void remember(String link) {
    prefs.addRecentRoom(link);
    recentRooms.setAll(prefs.recentRooms());
  }
}
