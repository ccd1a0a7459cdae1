package dev.tandem.app.prefs;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.prefs.Preferences;

/**
 * What Tandem remembers between runs, in {@link java.util.prefs}: display name, colour, theme, font
 * size, window geometry and recent rooms. The node is injected so tests use a scratch node.
 */
public final class UserPreferences {
  /** Colours chosen for new users: distinct, readable on light and dark backgrounds. */
  public static final List<String> PALETTE = List.of(
      "#e91e63", "#2196f3", "#4caf50", "#ff9800", "#9c27b0", "#009688", "#f44336", "#3f51b5");
  private static final int MAX_RECENT = 8;

  private final Preferences node;

  public UserPreferences(Preferences node) {
    this.node = node;
  }

  public static UserPreferences forUser() {
    return new UserPreferences(Preferences.userRoot().node("dev/tandem/app"));
  }

  public String name() {
    String n = node.get("name", "");
    if (n.isBlank()) {
      n = System.getProperty("user.name", "Guest");
      n = n.isBlank() ? "Guest" : Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }
    return n.length() > 64 ? n.substring(0, 64) : n;
  }

  public void setName(String name) {
    node.put("name", name.strip());
  }

  public String color() {
    String c = node.get("color", "");
    if (!c.matches("#[0-9a-fA-F]{6}")) {
      c = PALETTE.get(new Random().nextInt(PALETTE.size()));
      node.put("color", c);
    }
    return c.toLowerCase();
  }

  public void setColor(String color) {
    node.put("color", color);
  }

  public boolean darkTheme() {
    return node.getBoolean("darkTheme", false);
  }

  public void setDarkTheme(boolean dark) {
    node.putBoolean("darkTheme", dark);
  }

  public double fontSize() {
    return node.getDouble("fontSize", 15);
  }

  public void setFontSize(double size) {
    node.putDouble("fontSize", Math.max(8, Math.min(48, size)));
  }

  /** x, y, width, height; null when never saved. */
  public double[] windowGeometry() {
    double w = node.getDouble("window.w", -1);
    if (w <= 0) {
      return null;
    }
    return new double[] {node.getDouble("window.x", 0), node.getDouble("window.y", 0), w, node.getDouble("window.h", 700)};
  }

  public void setWindowGeometry(double x, double y, double w, double h) {
    node.putDouble("window.x", x);
    node.putDouble("window.y", y);
    node.putDouble("window.w", w);
    node.putDouble("window.h", h);
  }

  /** Most recent first. Links hold keys: they stay in the user's own preferences only. */
  public List<String> recentRooms() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < MAX_RECENT; i++) {
      String v = node.get("recent." + i, null);
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  public void addRecentRoom(String link) {
    List<String> list = new ArrayList<>(recentRooms());
    list.remove(link);
    list.addFirst(link);
    for (int i = 0; i < MAX_RECENT; i++) {
      if (i < list.size()) {
        node.put("recent." + i, list.get(i));
      } else {
        node.remove("recent." + i);
      }
    }
  }
}
