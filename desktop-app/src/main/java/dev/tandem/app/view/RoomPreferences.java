package dev.tandem.app.view;

import dev.tandem.app.prefs.UserPreferences;
import dev.tandem.app.viewmodel.RoomViewModel;

/**
 * What an open room remembers in the preferences: "Show authors", the role its link gave, and,
 * for a room this computer hosts, its new edit and read-only keys after the owner changed them
 * (so that reopening it later shows the links that work).
 */
final class RoomPreferences {
  private RoomPreferences() {}

  private static String keyOf(String link) {
    return link == null ? null : dev.tandem.sync.RoomLink.parse(link).key();
  }

  static void bind(RoomViewModel vm, UserPreferences prefs) {
    vm.showAuthorsProperty().set(prefs.showAuthors());
    vm.showAuthorsProperty().addListener((o, was, on) -> prefs.setShowAuthors(on));
    String link = vm.request().hosted() ? null : vm.request().editLink();
    vm.roleProperty().addListener((o, was, role) -> {
      if (role != null && link != null) {
        prefs.setRecentRoomRole(link, role.wire());
      }
    });
    if (vm.request().hosted()) {
      String roomId = vm.request().link().roomId();
      vm.share().rotatedProperty().addListener((o, was, now) -> {
        if (now != null) {
          prefs.hostedRoom(roomId).ifPresent(keys -> prefs.setHostedRoom(
              keys.withShareKeys(keyOf(now.editLink()), keyOf(now.viewLink()))));
        }
      });
    }
  }
}
