package dev.tandem.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.app.prefs.UserPreferences;
import dev.tandem.app.session.SessionConnector;
import dev.tandem.app.testing.Fx;
import dev.tandem.app.testing.LoopbackHost;
import dev.tandem.app.testing.Shots;
import dev.tandem.app.testing.SideBySide;
import dev.tandem.app.view.TandemWindow;
import dev.tandem.app.viewmodel.PreferencesViewModel;
import dev.tandem.sync.SyncSession;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.prefs.Preferences;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Preferences dialog in real windows: opened with Ctrl+, (a key event through the scene), its
 * controls change the theme and the editor font of every open window at once and are saved; the
 * colour chosen is the one the next room's other people see. Window size and position come back
 * from the preferences. Test-only preferences nodes, a real embedded room server, the Headless
 * platform.
 */
class PreferencesTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final boolean MAC = System.getProperty("os.name", "").startsWith("Mac");
  private LoopbackHost rooms;
  private SessionConnector connector;
  private Preferences node;
  private UserPreferences anaPrefs;

  @BeforeEach
  void setUp() throws Exception {
    Fx.start();
    rooms = new LoopbackHost("tandem-prefs");
    connector = LoopbackHost.connector(b -> b);
    node = Preferences.userRoot().node("dev/tandem/test/" + UUID.randomUUID());
    anaPrefs = SideBySide.person(node.node("ana"), "Ana", "#e91e63");
  }

  @AfterEach
  void tearDown() throws Exception {
    Fx.run(() -> {
      for (Window w : java.util.List.copyOf(Window.getWindows())) {
        if (w instanceof Stage s) {
          s.close();
        }
      }
    });
    rooms.close();
    node.removeNode();
  }

  private static void until(Callable<Boolean> condition) {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(30)).until(() -> Fx.call(condition));
  }

  private TandemWindow window(PreferencesViewModel settings, double x) {
    return Fx.call(() -> {
      TandemWindow w = new TandemWindow(new Stage(), settings, rooms.host(), connector, rooms.background());
      w.stage().setX(x);
      w.stage().setY(0);
      w.showStart();
      w.stage().show();
      return w;
    });
  }

  private static void untilOpen(TandemWindow w) {
    until(() -> w.room() != null && w.room().viewModel().stateProperty().get() == SyncSession.State.OPEN);
  }

  private static Optional<DialogPane> preferencesDialog() {
    return Window.getWindows().stream()
        .filter(w -> w.isShowing() && w.getScene() != null && w.getScene().getRoot() instanceof DialogPane p
            && "preferences".equals(p.getId()))
        .map(w -> (DialogPane) w.getScene().getRoot())
        .findFirst();
  }

  private static <T> T in(DialogPane pane, String id, Class<T> type) {
    return type.cast(pane.lookup(id));
  }

  /** A text node of the editor showing {@code piece}. */
  private static Text editorText(TandemWindow w, String piece) {
    return w.room().area().lookupAll(".text").stream()
        .filter(n -> n instanceof Text t && t.getText().contains(piece)).map(n -> (Text) n)
        .findFirst().orElseThrow(() -> new AssertionError("no text node shows " + piece));
  }

  private static boolean darkCss(TandemWindow w) {
    return w.scene().getStylesheets().stream().anyMatch(s -> s.endsWith("dark.css"));
  }

  @Test
  void ctrlCommaOpensPreferencesAndThemeAndFontApplyToEveryWindowAtOnce() throws Exception {
    // The test's host takes a free port; as in the app, the preferences name the port it asked for.
    rooms.host().createRoom();
    anaPrefs.setHostPort(rooms.host().listening().port());
    PreferencesViewModel settings = Fx.call(() -> new PreferencesViewModel(anaPrefs));
    TandemWindow ana = window(settings, 0);
    TandemWindow second = window(settings, 1120); // another window of the same app, on its start screen
    Fx.run(() -> ana.startViewModel().newRoom());
    untilOpen(ana);
    Fx.run(() -> ana.room().area().insertText(0, "Some words to look at"));
    until(() -> ana.room().area().lookupAll(".text").stream().anyMatch(n -> n instanceof Text t && t.getText().contains("words")));
    Color lightInk = Fx.call(() -> (Color) editorText(ana, "words").getFill());

    Fx.run(() -> {
      ana.room().area().requestFocus();
      ana.room().area().fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.COMMA, false, !MAC, false, MAC));
    });
    until(() -> preferencesDialog().isPresent());
    DialogPane pane = Fx.call(() -> preferencesDialog().orElseThrow());
    int port = rooms.host().listening().port();
    assertThat(Fx.call(() -> in(pane, "#pref-host-port", javafx.scene.control.TextField.class).getText()))
        .isEqualTo(Integer.toString(port));
    assertThat(Fx.call(() -> in(pane, "#pref-host-status", javafx.scene.control.Label.class).getText()))
        .isEqualTo("Rooms are hosted on port " + port + " now.");
    assertThat(Fx.call(() -> in(pane, "#pref-theme-light", RadioButton.class).isSelected())).isTrue();

    // Dark: both windows at once, and the editor's ink turns light.
    Fx.run(() -> in(pane, "#pref-theme-dark", RadioButton.class).fire());
    assertThat(Fx.call(() -> darkCss(ana) && darkCss(second))).isTrue();
    until(() -> ((Color) editorText(ana, "words").getFill()).getBrightness() > 0.8);
    assertThat(lightInk.getBrightness()).isLessThan(0.3);
    assertThat(anaPrefs.darkTheme()).isTrue();

    // Font family and size: the editor's text takes them.
    Fx.run(() -> {
      @SuppressWarnings("unchecked")
      ComboBox<String> family = in(pane, "#pref-font-family", ComboBox.class);
      family.setValue("DejaVu Serif");
      @SuppressWarnings("unchecked")
      Spinner<Integer> size = in(pane, "#pref-font-size", Spinner.class);
      size.getValueFactory().setValue(24);
    });
    until(() -> {
      var font = editorText(ana, "words").getFont();
      return font.getFamily().equals("DejaVu Serif") && font.getSize() == 24;
    });
    assertThat(anaPrefs.fontFamily()).isEqualTo("DejaVu Serif");
    assertThat(anaPrefs.fontSize()).isEqualTo(24);
    Fx.drain();
    Shots.saveWithPopups(ana.scene(), "15-preferences-dark");
    Shots.save(pane, "16-preferences-dialog");

    // Same as the system: whatever the platform reports (on the Headless platform, its default).
    Fx.run(() -> in(pane, "#pref-theme-system", RadioButton.class).fire());
    boolean systemDark = Fx.call(() -> javafx.application.Platform.getPreferences().getColorScheme()
        == javafx.application.ColorScheme.DARK);
    assertThat(Fx.call(() -> darkCss(ana))).isEqualTo(systemDark);
    assertThat(anaPrefs.theme()).isEqualTo("system");

    // Back to light.
    Fx.run(() -> in(pane, "#pref-theme-light", RadioButton.class).fire());
    assertThat(Fx.call(() -> darkCss(ana) || darkCss(second))).isFalse();
    assertThat(anaPrefs.darkTheme()).isFalse();
    assertThat(Fx.call(() -> in(pane, "#pref-theme-dark", RadioButton.class).isSelected())).isFalse();

    // The View menu's item opens the same dialog (brought to the front, not a second one).
    Fx.run(() -> ana.room().viewMenu().getItems().stream()
        .filter(i -> "preferences-item".equals(i.getId())).findFirst().orElseThrow().fire());
    assertThat(Fx.call(() -> Window.getWindows().stream().filter(w -> w.isShowing() && w.getScene() != null
        && w.getScene().getRoot() instanceof DialogPane p && "preferences".equals(p.getId())).count())).isEqualTo(1);
  }

  @Test
  void theColourChosenIsWhatOthersSeeInTheNextRoom() {
    PreferencesViewModel settings = Fx.call(() -> new PreferencesViewModel(anaPrefs));
    TandemWindow ana = window(settings, 0);
    TandemWindow bo = window(Fx.call(() -> new PreferencesViewModel(
        SideBySide.person(node.node("bo"), "Bo", "#1e88e5"))), 1120);
    // From the start screen's link this time.
    Fx.run(() -> ((javafx.scene.control.Hyperlink) ana.scene().lookup("#start-preferences")).fire());
    until(() -> preferencesDialog().isPresent());
    DialogPane pane = Fx.call(() -> preferencesDialog().orElseThrow());
    Fx.run(() -> in(pane, "#pref-color-009688", ToggleButton.class).fire());
    Fx.run(() -> in(pane, "#pref-name", javafx.scene.control.TextField.class).setText("Ana B."));
    assertThat(anaPrefs.color()).isEqualTo("#009688");
    assertThat(anaPrefs.name()).isEqualTo("Ana B.");
    assertThat(Fx.call(() -> ana.startViewModel().nameProperty().get())).as("the start screen's name field").isEqualTo("Ana B.");

    Fx.run(() -> ana.startViewModel().newRoom());
    untilOpen(ana);
    String link = Fx.call(() -> ana.room().viewModel().request().editLink());
    Fx.run(() -> bo.startViewModel().join(link));
    untilOpen(bo);
    until(() -> bo.room().viewModel().peers().size() == 1);
    var seen = Fx.call(() -> bo.room().viewModel().peers().getFirst().user());
    assertThat(seen.color()).isEqualTo("#009688");
    assertThat(seen.name()).isEqualTo("Ana B.");
    // Her caret on Bo's screen is drawn in it.
    String anaId = Fx.call(() -> ana.room().viewModel().session().clientId());
    Fx.run(() -> ana.room().area().insertText(0, "hi"));
    until(() -> bo.room().cursors().caretBounds(anaId).isPresent());
    until(() -> bo.room().cursors().overlay().getChildren().stream()
        .anyMatch(n -> n instanceof javafx.scene.shape.Rectangle r && r.isVisible() && Color.web("#009688").equals(r.getFill())));
  }

  @Test
  void windowSizeAndPositionComeBackFromThePreferences() {
    anaPrefs.setWindowGeometry(40, 30, 900, 640);
    TandemWindow first = Fx.call(() -> {
      TandemWindow w = new TandemWindow(new Stage(), anaPrefs, rooms.host(), connector, rooms.background());
      w.showStart();
      w.stage().show();
      return w;
    });
    assertThat(Fx.call(() -> new double[] {first.stage().getX(), first.stage().getY(), first.stage().getWidth(),
        first.stage().getHeight()})).containsExactly(40, 30, 900, 640);
    // Moved and resized, then closed as the title bar's close button does.
    Fx.run(() -> {
      Stage s = first.stage();
      s.setX(120);
      s.setY(80);
      s.setWidth(1000);
      s.setHeight(700);
      s.fireEvent(new WindowEvent(s, WindowEvent.WINDOW_CLOSE_REQUEST));
    });
    until(() -> !first.stage().isShowing());
    UserPreferences reread = new UserPreferences(node.node("ana"));
    assertThat(reread.windowGeometry()).containsExactly(120, 80, 1000, 700);
    TandemWindow next = Fx.call(() -> {
      TandemWindow w = new TandemWindow(new Stage(), reread, rooms.host(), connector, rooms.background());
      w.showStart();
      w.stage().show();
      return w;
    });
    assertThat(Fx.call(() -> new double[] {next.stage().getX(), next.stage().getY(), next.stage().getWidth(),
        next.stage().getHeight()})).containsExactly(120, 80, 1000, 700);
  }
}
