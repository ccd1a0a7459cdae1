package dev.tandem.protocol;

import java.util.Optional;

/**
 * What a capability key lets its holder do in a room. Each role has its own key; the role of a
 * connection is fixed by the key it joined with.
 *
 * <ul>
 *   <li>{@link #VIEW}: read the document, see peers and presence, send presence and chat.</li>
 *   <li>{@link #EDIT}: all of view, plus send ops.</li>
 *   <li>{@link #ADMIN}: all of edit, plus rotate keys and remove participants.</li>
 * </ul>
 */
public enum Role {
  VIEW("view"),
  EDIT("edit"),
  ADMIN("admin");

  private final String wire;

  Role(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** May send {@code op}. */
  public boolean canEdit() {
    return this != VIEW;
  }

  /** May send {@code rotate-keys} and {@code remove}. */
  public boolean canAdminister() {
    return this == ADMIN;
  }

  public static Optional<Role> fromWire(String wire) {
    for (Role r : values()) {
      if (r.wire.equals(wire)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
