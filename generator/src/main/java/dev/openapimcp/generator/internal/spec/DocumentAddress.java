package dev.openapimcp.generator.internal.spec;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where one document of a spec comes from: a local file or an {@code http(s)} address.
 *
 * @param file the file, absolute and normalised; {@code null} for an address
 * @param url the address without fragment; {@code null} for a file
 */
record DocumentAddress(Path file, URI url) {

  /** A URI scheme; one letter is a Windows drive ({@code C:\specs\api.yaml}), not a scheme. */
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:");

  /** Why a {@code $ref}'s location cannot be turned into an address. */
  static final class Unsupported extends Exception {
    private static final long serialVersionUID = 1L;

    /** Whether the reference asks for something never read (another scheme), rather than being malformed. */
    final boolean forbidden;

    Unsupported(String message, boolean forbidden) {
      super(message);
      this.forbidden = forbidden;
    }
  }

  static DocumentAddress of(Path file) {
    return new DocumentAddress(file.toAbsolutePath().normalize(), null);
  }

  static DocumentAddress of(URI url) {
    return new DocumentAddress(null, withoutFragment(url));
  }

  boolean isRemote() {
    return url != null;
  }

  /** The folder a local document lives in. */
  Path folder() {
    return file.getParent();
  }

  /**
   * The document that {@code location}, the part of a {@code $ref} before {@code #}, names when
   * found in this document: relative locations resolve against this document's folder or address,
   * as swagger-parser resolves them.
   */
  DocumentAddress resolve(String location) throws Unsupported {
    String lower = location.toLowerCase(Locale.ROOT);
    boolean http = lower.startsWith("http://") || lower.startsWith("https://");
    if (http) {
      return of(uri(location));
    }
    if (SCHEME.matcher(location).find() && !lower.startsWith("file:")) {
      throw new Unsupported("only files and http(s) addresses can be referenced", true);
    }
    if (isRemote()) {
      if (lower.startsWith("file:")) {
        throw new Unsupported("a spec read from the network cannot reference local files", true);
      }
      URI resolved = url.resolve(uri(location));
      String scheme = resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new Unsupported("a spec read from the network cannot reference local files", true);
      }
      return of(resolved);
    }
    try {
      if (lower.startsWith("file:")) {
        return of(Path.of(uri(location)));
      }
      return of(folder().resolve(location));
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      throw new Unsupported("'" + location + "' is not a file name this system can open", false);
    }
  }

  private static URI uri(String location) throws Unsupported {
    try {
      return new URI(location);
    } catch (URISyntaxException e) {
      throw new Unsupported("'" + location + "' is not a valid address (" + e.getReason() + ")", false);
    }
  }

  private static URI withoutFragment(URI url) {
    if (url.getRawFragment() == null) {
      return url;
    }
    String text = url.toString();
    return URI.create(text.substring(0, text.indexOf('#')));
  }

  /** The scheme, host and port of an address, which its same-site references share. */
  String origin() {
    return (url.getScheme() + "://" + url.getRawAuthority()).toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return file != null ? file.toString() : url.toString();
  }
}
