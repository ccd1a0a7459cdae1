package dev.tandem.app.prefs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.prefs.Preferences;

/**
 * What Tandem remembers between runs, in {@link java.util.prefs}: display name, colour, theme, font
 * family and size, window geometry, recent rooms, the port for rooms this computer hosts and the
 * keys of those rooms. The node is injected so tests use a scratch node.
 */
public final class UserPreferences {
  /** Colours chosen for new users: distinct, readable on light and dark backgrounds. */
  public static final List<String> PALETTE = List.of(
      "#e91e63", "#2196f3", "#4caf50", "#ff9800", "#9c27b0", "#009688", "#f44336", "#3f51b5");
  private static final int MAX_RECENT = 8;
  /**
   * The port the embedded room server asks for when none was chosen: fixed, so that links to the
   * rooms this computer hosts keep working when Tandem restarts. Outside the ephemeral ranges of
   * Linux (32768–60999) and Windows/macOS (49152–65535), so no outgoing connection holds it, and
   * apart from the standalone server's usual 7070.
   */
  public static final int DEFAULT_HOST_PORT = 7477;
  /** Lower ports need administrator rights on most systems. */
  public static final int MIN_HOST_PORT = 1024;
  public static final int MAX_HOST_PORT = 65535;

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

  /** The port asked for when this computer hosts rooms ({@link #DEFAULT_HOST_PORT} unless chosen). */
  public int hostPort() {
    int p = node.getInt("hostPort", DEFAULT_HOST_PORT);
    return isHostPort(p) ? p : DEFAULT_HOST_PORT;
  }

  /** @throws IllegalArgumentException outside {@value #MIN_HOST_PORT}–{@value #MAX_HOST_PORT} */
  public void setHostPort(int port) {
    if (!isHostPort(port)) {
      throw new IllegalArgumentException("a port for hosting is " + MIN_HOST_PORT + "–" + MAX_HOST_PORT + ", not " + port);
    }
    node.putInt("hostPort", port);
  }

  public static boolean isHostPort(int port) {
    return port >= MIN_HOST_PORT && port <= MAX_HOST_PORT;
  }

  /** The keys of a room this computer hosts, if it hosted it and still remembers it. */
  public Optional<HostedRoomKeys> hostedRoom(String roomId) {
    return HostedRoomKeys.parse(roomId, node.get(hostedKey(roomId), null));
  }

  public void setHostedRoom(HostedRoomKeys keys) {
    node.put(hostedKey(keys.roomId()), keys.stored());
  }

  /** The room this computer hosted last (what {@code tandem} without a link reopens), if any. */
  public Optional<HostedRoomKeys> lastHostedRoom() {
    String id = node.get("lastHostedRoom", null);
    return id == null ? Optional.empty() : hostedRoom(id);
  }

  public void setLastHostedRoom(String roomId) {
    node.put("lastHostedRoom", roomId);
  }

  private static String hostedKey(String roomId) {
    return "hosted." + roomId; // room ids are 26 characters: well within the 80 a key may have
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
      forget(list.get(i), list.subList(0, MAX_RECENT));
    }
  }

  /** Takes a link off the recent rooms (a hosted room's entry is replaced by its current link). */
  public void removeRecentRoom(String link) {
    List<String> list = new ArrayList<>(recentRooms());
    if (!list.remove(link)) {
      return;
    }
    for (int i = 0; i < MAX_RECENT; i++) {
      if (i < list.size()) {
        node.put("recent." + i, list.get(i));
      } else {
        node.remove("recent." + i);
      }
    }
    forget(link, list);
  }

  /**
   * Forgets what was kept for a link that left the recent rooms: its role, and the keys of its
   * room when this computer hosted it and no remaining entry (nor "last hosted") names that room.
   */
  private void forget(String link, List<String> remaining) {
    node.remove(roleKey(link));
    String id = roomIdOf(link);
    if (id != null && !id.equals(node.get("lastHostedRoom", null))
        && remaining.stream().noneMatch(l -> id.equals(roomIdOf(l)))) {
      node.remove(hostedKey(id));
    }
  }

  private static String roomIdOf(String link) {
    try {
      return dev.tandem.sync.RoomLink.parse(link).roomId();
    } catch (IllegalArgumentException e) {
      return null;
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
