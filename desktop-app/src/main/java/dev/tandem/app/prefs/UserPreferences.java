package dev.tandem.app.prefs;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.prefs.Preferences;

/**
 * What Tandem remembers between runs, in {@link java.util.prefs}: display name, colour, theme, font
 * family and size, window geometry and recent rooms. The node is injected so tests use a scratch node.
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

  /** Dark theme chosen ({@link #theme()} is "dark"). */
  public boolean darkTheme() {
    return theme().equals("dark");
  }

  public void setDarkTheme(boolean dark) {
    setTheme(dark ? "dark" : "light");
  }

  /** "light", "dark" or "system" (follow the desktop's setting); "light" when never chosen. */
  public String theme() {
    String t = node.get("theme", node.getBoolean("darkTheme", false) ? "dark" : "light");
    return switch (t) {
      case "dark", "system" -> t;
      default -> "light";
    };
  }

  public void setTheme(String theme) {
    node.put("theme", theme);
    node.putBoolean("darkTheme", theme.equals("dark")); // what earlier versions read
  }

  /** The editor's font family, null when never chosen. */
  public String fontFamily() {
    String f = node.get("fontFamily", "");
    return f.isBlank() ? null : f;
  }

  public void setFontFamily(String family) {
    node.put("fontFamily", family.strip());
  }

  public double fontSize() {
    return node.getDouble("fontSize", 15);
  }

  public void setFontSize(double size) {
    node.putDouble("fontSize", Math.max(8, Math.min(48, size)));
  }

  /** "Show authors" in the editor: off unless the user turned it on. */
  public boolean showAuthors() {
    return node.getBoolean("showAuthors", false);
  }

  public void setShowAuthors(boolean on) {
    node.putBoolean("showAuthors", on);
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
    for (int i = MAX_RECENT; i < list.size(); i++) {
      node.remove(roleKey(list.get(i)));
    }
  }

  /**
   * The role ("admin", "edit", "view") a recent link gave when it was last opened, or null when
   * not known yet. Two links to one room differ only in their key, so this is what tells them
   * apart on the start screen.
   */
  public String recentRoomRole(String link) {
    return node.get(roleKey(link), null);
  }

  public void setRecentRoomRole(String link, String role) {
    node.put(roleKey(link), role);
  }

  /** A preferences key per link (keys are limited to 80 characters; links are longer). */
  private static String roleKey(String link) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256")
          .digest(link.strip().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "recentRole." + java.util.HexFormat.of().formatHex(d, 0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always present", e);
    }
  }
}
