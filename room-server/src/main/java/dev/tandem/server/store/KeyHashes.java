package dev.tandem.server.store;

import dev.tandem.protocol.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * SHA-256 hashes of a room's three capability keys, as 64 lowercase hex characters each. The keys
 * themselves are never stored nor logged; a presented key is checked with {@link #roleOf}.
 *
 * <p>{@link #toString()} shows only a short prefix of each hash so logs cannot be used to test
 * guesses offline.
 */
public record KeyHashes(String editHash, String viewHash, String adminHash) {

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  public KeyHashes {
    editHash = requireSha256Hex(editHash, "editHash");
    viewHash = requireSha256Hex(viewHash, "viewHash");
    adminHash = requireSha256Hex(adminHash, "adminHash");
  }

  /** Hashes the three keys (UTF-8). The caller forgets the keys after handing them out. */
  public static KeyHashes ofKeys(String editKey, String viewKey, String adminKey) {
    return new KeyHashes(sha256Hex(editKey), sha256Hex(viewKey), sha256Hex(adminKey));
  }

  /** Lowercase hex SHA-256 of the UTF-8 bytes of {@code key}. */
  public static String sha256Hex(String key) {
    Objects.requireNonNull(key, "key");
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }

  /** Role a presented key grants, or {@code null} if it matches none. Constant-time compares. */
  public Role roleOf(String presentedKey) {
    byte[] presented = sha256Hex(presentedKey).getBytes(StandardCharsets.US_ASCII);
    if (MessageDigest.isEqual(presented, adminHash.getBytes(StandardCharsets.US_ASCII))) {
      return Role.ADMIN;
    }
    if (MessageDigest.isEqual(presented, editHash.getBytes(StandardCharsets.US_ASCII))) {
      return Role.EDIT;
    }
    if (MessageDigest.isEqual(presented, viewHash.getBytes(StandardCharsets.US_ASCII))) {
      return Role.VIEW;
    }
    return null;
  }

  @Override
  public String toString() {
    return "KeyHashes[edit=" + editHash.substring(0, 8) + "…, view=" + viewHash.substring(0, 8)
        + "…, admin=" + adminHash.substring(0, 8) + "…]";
  }

  private static String requireSha256Hex(String hash, String name) {
    Objects.requireNonNull(hash, name);
    if (!SHA256_HEX.matcher(hash).matches()) {
      throw new IllegalArgumentException(name + " must be 64 lowercase hex characters (SHA-256)");
    }
    return hash;
  }
}
