package dev.tandem.app.view;

import dev.tandem.app.prefs.UserPreferences;
import dev.tandem.app.viewmodel.RoomViewModel;

/** What an open room remembers in the preferences: "Show authors", and the role its link gave. */
final class RoomPreferences {
  private RoomPreferences() {}

  static void bind(RoomViewModel vm, UserPreferences prefs) {
    vm.showAuthorsProperty().set(prefs.showAuthors());
    vm.showAuthorsProperty().addListener((o, was, on) -> prefs.setShowAuthors(on));
    String link = vm.request().hosted() ? null : vm.request().editLink();
    vm.roleProperty().addListener((o, was, role) -> {
      if (role != null && link != null) {
        prefs.setRecentRoomRole(link, role.wire());
      }
    });
  }
}
