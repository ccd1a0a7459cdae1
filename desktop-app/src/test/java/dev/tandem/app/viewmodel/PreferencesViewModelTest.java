package dev.tandem.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.app.prefs.MemoryPreferences;
import dev.tandem.app.prefs.UserPreferences;
import dev.tandem.app.viewmodel.PreferencesViewModel.Theme;
import org.junit.jupiter.api.Test;

/** The Preferences dialog's state without the FX toolkit, saved to an in-memory preferences tree. */
class PreferencesViewModelTest {
  private final UserPreferences prefs = new UserPreferences(new MemoryPreferences());

  @Test
  void startsFromWhatWasSaved() {
    prefs.setName("Ana");
    prefs.setColor("#4caf50");
    prefs.setDarkTheme(true);
    prefs.setFontFamily("DejaVu Serif");
    prefs.setFontSize(18);
    PreferencesViewModel vm = new PreferencesViewModel(prefs);
    assertThat(vm.nameProperty().get()).isEqualTo("Ana");
    assertThat(vm.colorProperty().get()).isEqualTo("#4caf50");
    assertThat(vm.themeProperty().get()).isEqualTo(Theme.DARK);
    assertThat(vm.fontFamilyProperty().get()).isEqualTo("DejaVu Serif");
    assertThat(vm.fontSizeProperty().get()).isEqualTo(18);
    assertThat(vm.editorStyle().get()).isEqualTo("-fx-font-family: \"DejaVu Serif\"; -fx-font-size: 18px;");
  }

  @Test
  void defaultsWhenNothingWasSaved() {
    PreferencesViewModel vm = new PreferencesViewModel(prefs);
    assertThat(vm.themeProperty().get()).isEqualTo(Theme.LIGHT);
    assertThat(vm.fontFamilyProperty().get()).isEqualTo(PreferencesViewModel.DEFAULT_FONT);
    assertThat(vm.fontSizeProperty().get()).isEqualTo(15);
    assertThat(vm.palette()).contains(vm.colorProperty().get());
    assertThat(vm.nameProperty().get()).isNotBlank();
  }

  @Test
  void everyChangeIsSavedAtOnce() {
    PreferencesViewModel vm = new PreferencesViewModel(prefs);
    vm.nameProperty().set("Bo");
    vm.colorProperty().set("#3F51B5");
    vm.themeProperty().set(Theme.DARK);
    vm.fontFamilyProperty().set("DejaVu Sans Mono");
    vm.fontSizeProperty().set(21);
    assertThat(prefs.name()).isEqualTo("Bo");
    assertThat(vm.colorProperty().get()).as("kept in lower case").isEqualTo("#3f51b5");
    assertThat(prefs.color()).isEqualTo("#3f51b5");
    assertThat(prefs.darkTheme()).isTrue();
    assertThat(prefs.fontFamily()).isEqualTo("DejaVu Sans Mono");
    assertThat(prefs.fontSize()).isEqualTo(21);
    assertThat(vm.editorStyle().get()).isEqualTo("-fx-font-family: \"DejaVu Sans Mono\"; -fx-font-size: 21px;");
    // What a new window (or the next start) reads back.
    PreferencesViewModel again = new PreferencesViewModel(prefs);
    assertThat(again.themeProperty().get()).isEqualTo(Theme.DARK);
    assertThat(again.fontSizeProperty().get()).isEqualTo(21);
    assertThat(again.colorProperty().get()).isEqualTo("#3f51b5");
  }

  @Test
  void valuesThatCannotBeSavedAreRefused() {
    prefs.setName("Ana");
    prefs.setColor("#e91e63");
    PreferencesViewModel vm = new PreferencesViewModel(prefs);
    vm.nameProperty().set("   ");
    assertThat(prefs.name()).as("a blank name is not saved").isEqualTo("Ana");
    vm.colorProperty().set("red");
    assertThat(vm.colorProperty().get()).isEqualTo("#e91e63");
    assertThat(prefs.color()).isEqualTo("#e91e63");
    vm.fontSizeProperty().set(400);
    assertThat(vm.fontSizeProperty().get()).isEqualTo(PreferencesViewModel.MAX_FONT_SIZE);
    vm.fontSizeProperty().set(1);
    assertThat(vm.fontSizeProperty().get()).isEqualTo(PreferencesViewModel.MIN_FONT_SIZE);
    assertThat(prefs.fontSize()).isEqualTo(PreferencesViewModel.MIN_FONT_SIZE);
    vm.fontFamilyProperty().set(" ");
    assertThat(vm.fontFamilyProperty().get()).isEqualTo(PreferencesViewModel.DEFAULT_FONT);
    vm.themeProperty().set(null);
    assertThat(vm.themeProperty().get()).isEqualTo(Theme.LIGHT);
  }

  @Test
  void theThemeCanFollowTheSystemAndAnOlderDarkChoiceIsKept() {
    PreferencesViewModel vm = new PreferencesViewModel(prefs);
    vm.themeProperty().set(Theme.SYSTEM);
    assertThat(prefs.theme()).isEqualTo("system");
    assertThat(prefs.darkTheme()).isFalse();
    assertThat(new PreferencesViewModel(prefs).themeProperty().get()).isEqualTo(Theme.SYSTEM);

    MemoryPreferences older = new MemoryPreferences();
    older.putBoolean("darkTheme", true); // what versions before the theme key wrote
    assertThat(new PreferencesViewModel(new UserPreferences(older)).themeProperty().get()).isEqualTo(Theme.DARK);
  }

  @Test
  void theHostingPortIsSavedWhenItIsOneAndTheStatusSaysWhereRoomsAreHosted() {
    PreferencesViewModel vm = new PreferencesViewModel(prefs);
    assertThat(vm.hostPortProperty().get()).isEqualTo(UserPreferences.DEFAULT_HOST_PORT);
    assertThat(vm.hostingStatusProperty().get()).startsWith("Tandem listens on this port when you host a room");

    vm.hostingIs(new dev.tandem.app.host.LocalHost.Listening(7477, 7477));
    assertThat(vm.hostingStatusProperty().get()).isEqualTo("Rooms are hosted on port 7477 now.");
    vm.hostPortProperty().set(9100);
    assertThat(prefs.hostPort()).isEqualTo(9100);
    assertThat(vm.hostingStatusProperty().get())
        .isEqualTo("Rooms are hosted on port 7477 now. Port 9100 takes effect the next time Tandem starts.");
    vm.hostPortProperty().set(80);
    assertThat(vm.hostPortProperty().get()).as("a privileged port is refused").isEqualTo(9100);
    vm.hostPortProperty().set(70000);
    assertThat(vm.hostPortProperty().get()).isEqualTo(9100);
    assertThat(prefs.hostPort()).isEqualTo(9100);

    vm.hostingIs(new dev.tandem.app.host.LocalHost.Listening(41234, 7477));
    assertThat(vm.hostingStatusProperty().get()).isEqualTo("Port 7477 was in use by another program, so rooms "
        + "are hosted on port 41234 for now: links from earlier sessions won't reach this copy. Port 9100 takes "
        + "effect the next time Tandem starts.");
    vm.hostPortProperty().set(UserPreferences.DEFAULT_HOST_PORT); // back to the port it started with
    vm.hostingIs(new dev.tandem.app.host.LocalHost.Listening(9000, 9000)); // TANDEM_HOST_PORT=9000 for this run
    assertThat(vm.hostingStatusProperty().get()).isEqualTo("Rooms are hosted on port 9000 now.");
  }

  @Test
  void aPortChangedBeforeHostingWaitsForTheNextStart() {
    PreferencesViewModel vm = new PreferencesViewModel(prefs); // the server would ask for 7477
    vm.hostPortProperty().set(9100);
    assertThat(vm.hostingStatusProperty().get()).contains("Port 9100 takes effect the next time Tandem starts.")
        .doesNotContain("Tandem listens on this port");
    vm.hostingIs(new dev.tandem.app.host.LocalHost.Listening(7477, 7477));
    assertThat(vm.hostingStatusProperty().get())
        .isEqualTo("Rooms are hosted on port 7477 now. Port 9100 takes effect the next time Tandem starts.");
    vm.hostPortProperty().set(7477);
    assertThat(vm.hostingStatusProperty().get()).isEqualTo("Rooms are hosted on port 7477 now.");
  }

  @Test
  void aPortSetByTheEnvironmentVariableIsSaidToOverrideThePreference() {
    prefs.setHostPort(9100);
    PreferencesViewModel vm = new PreferencesViewModel(prefs, 9000, "TANDEM_HOST_PORT");
    assertThat(vm.hostingStatusProperty().get()).isEqualTo(
        "Until Tandem restarts, it uses port 9000 for the rooms you host. TANDEM_HOST_PORT=9000 overrides this preference while it is set.");
    vm.hostingIs(new dev.tandem.app.host.LocalHost.Listening(9000, 9000));
    assertThat(vm.hostingStatusProperty().get())
        .isEqualTo("Rooms are hosted on port 9000 now. TANDEM_HOST_PORT=9000 overrides this preference while it is set.");
    vm.hostPortProperty().set(9200);
    assertThat(prefs.hostPort()).isEqualTo(9200);
    assertThat(vm.hostingStatusProperty().get()).endsWith("TANDEM_HOST_PORT=9000 overrides this preference while it is set.");
  }
}
