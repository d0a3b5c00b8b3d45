package dev.openapimcp.runtime.internal.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 digest of a text's UTF-8 bytes. */
public final class Sha256 {

  private Sha256() {}

  /** The digest of {@code text}. */
  public static byte[] of(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256.", e);
    }
  }

  /** The digest of {@code text} in lower-case hexadecimal. */
  public static String hex(String text) {
    return HexFormat.of().formatHex(of(text));
  }
}
