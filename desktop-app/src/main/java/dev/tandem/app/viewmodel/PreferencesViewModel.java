package dev.tandem.app.viewmodel;

import dev.tandem.app.prefs.UserPreferences;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Preferences dialog: display name, colour, theme, editor font and size, and the port for
 * rooms this computer hosts. Every change is
 * saved at once (there is no OK to forget) and is live: the windows bind to these properties, so
 * the theme and font change in every open window. One instance per {@link UserPreferences}, shared
 * by the windows that use them; FX thread; no Node.
 *
 * <p>Name and colour are what other people see (your name in their list, your caret and text tint
 * in your colour). They travel in the session's {@code hello}, so, as the name always did, they
 * take effect in the next room you open or join; the room open now keeps the ones it joined with.
 * The hosting port takes effect when the embedded server next starts (the next start of Tandem):
 * moving a running server would cut off everyone in the rooms it hosts.
 */
public final class PreferencesViewModel {
  public enum Theme {
    LIGHT("Light"), DARK("Dark"),
    /** Dark when the desktop is set to dark (the view asks the platform). */
    SYSTEM("Same as the system");

    private final String label;

    Theme(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /** The editor's font when none was chosen. */
  public static final String DEFAULT_FONT = "DejaVu Sans";
  public static final int MIN_FONT_SIZE = 8;
  public static final int MAX_FONT_SIZE = 48;

  private final UserPreferences prefs;
  private final StringProperty name = new SimpleStringProperty();
  private final StringProperty color = new SimpleStringProperty();
  private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>();
  private final StringProperty fontFamily = new SimpleStringProperty();
  private final IntegerProperty fontSize = new SimpleIntegerProperty();
  private final IntegerProperty hostPort = new SimpleIntegerProperty();
  private final StringProperty hostingStatus = new SimpleStringProperty("");
  /** The port the embedded server asks for in this run (taken at the app's start). */
  private final int hostPortAtStart;
  /** The environment variable that chose {@link #hostPortAtStart} instead of the preference; null when unset. */
  private final String hostPortOverriddenBy;
  /** Where the embedded server listens (null while not hosting); what {@link #hostingStatus} describes. */
  private dev.tandem.app.host.LocalHost.Listening listening;
  private final StringBinding editorStyle;

  /** For a run whose server asks for the preference's port. */
  public PreferencesViewModel(UserPreferences prefs) {
    this(prefs, prefs.hostPort(), null);
  }

  /**
   * @param hostPortAsked the port the embedded server asks for in this run
   * @param overriddenBy the environment variable that chose it over the preference, null when none
   */
  public PreferencesViewModel(UserPreferences prefs, int hostPortAsked, String overriddenBy) {
    this.prefs = prefs;
    name.set(prefs.name());
    color.set(prefs.color());
    theme.set(Theme.valueOf(prefs.theme().toUpperCase(Locale.ROOT)));
    fontFamily.set(prefs.fontFamily() == null ? DEFAULT_FONT : prefs.fontFamily());
    fontSize.set(clampSize((int) Math.round(prefs.fontSize())));
    hostPort.set(prefs.hostPort());
    hostPortAtStart = hostPortAsked;
    hostPortOverriddenBy = overriddenBy;
    // Each change is checked, then saved; a value that cannot be saved is put back.
    name.addListener((o, was, now) -> {
      if (now != null && !now.isBlank()) {
        prefs.setName(now);
      }
    });
    color.addListener((o, was, now) -> {
      String c = normalColor(now);
      if (c == null) {
        color.set(was);
      } else if (!c.equals(now)) {
        color.set(c);
      } else {
        prefs.setColor(c);
      }
    });
    theme.addListener((o, was, now) -> {
      if (now == null) {
        theme.set(was);
      } else {
        prefs.setTheme(now.name().toLowerCase(Locale.ROOT));
      }
    });
    fontFamily.addListener((o, was, now) -> {
      if (now == null || now.isBlank()) {
        fontFamily.set(was);
      } else {
        prefs.setFontFamily(now.strip());
      }
    });
    fontSize.addListener((o, was, now) -> {
      int size = clampSize(now.intValue());
      if (size != now.intValue()) {
        fontSize.set(size);
      } else {
        prefs.setFontSize(size);
      }
    });
    hostPort.addListener((o, was, now) -> {
      if (!UserPreferences.isHostPort(now.intValue())) {
        hostPort.set(was.intValue());
      } else {
        prefs.setHostPort(now.intValue());
        hostingStatus.set(HostingMessages.status(listening, hostPortAtStart, now.intValue(), hostPortOverriddenBy));
      }
    });
    hostingStatus.set(HostingMessages.status(null, hostPortAtStart, hostPort.get(), hostPortOverriddenBy));
    editorStyle = Bindings.createStringBinding(
        () -> "-fx-font-family: \"" + fontFamily.get().replace("\"", "") + "\"; -fx-font-size: " + fontSize.get() + "px;",
        fontFamily, fontSize);
  }

  /** Display name; blank is not saved (the last non-blank one stays). */
  public StringProperty nameProperty() { return name; }
  /** Colour as {@code #rrggbb} (lower case); anything else is refused. */
  public StringProperty colorProperty() { return color; }
  public ObjectProperty<Theme> themeProperty() { return theme; }
  public StringProperty fontFamilyProperty() { return fontFamily; }
  /** Editor font size in pixels, {@value #MIN_FONT_SIZE}–{@value #MAX_FONT_SIZE}. */
  public IntegerProperty fontSizeProperty() { return fontSize; }

  /**
   * The port asked for when this computer hosts rooms, {@value UserPreferences#MIN_HOST_PORT}–{@value
   * UserPreferences#MAX_HOST_PORT}; anything else is refused. Links to hosted rooms name it, so it
   * stays the same from one start to the next.
   */
  public IntegerProperty hostPortProperty() { return hostPort; }

  /** A sentence on where rooms are hosted now (see {@link HostingMessages#status}). */
  public StringProperty hostingStatusProperty() { return hostingStatus; }

  /** The embedded server listens as {@code now} (null: not hosting). FX thread. */
  public void hostingIs(dev.tandem.app.host.LocalHost.Listening now) {
    listening = now;
    hostingStatus.set(HostingMessages.status(now, hostPortAtStart, hostPort.get(), hostPortOverriddenBy));
  }

  /** The editor's inline CSS for the chosen font and size. */
  public StringBinding editorStyle() { return editorStyle; }

  /** The suggested colours (distinct, readable on light and dark). */
  public List<String> palette() { return UserPreferences.PALETTE; }

  /** The preferences these are saved to (windows read geometry and rooms from them). */
  public UserPreferences preferences() { return prefs; }

  /** {@code #rrggbb} in lower case, or null when {@code text} is not such a colour. */
  static String normalColor(String text) {
    if (text == null) {
      return null;
    }
    String c = text.strip().toLowerCase(Locale.ROOT);
    return c.matches("#[0-9a-f]{6}") ? c : null;
  }

  private static int clampSize(int size) {
    return Math.max(MIN_FONT_SIZE, Math.min(MAX_FONT_SIZE, size));
  }
}
