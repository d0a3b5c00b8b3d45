package dev.openapimcp.cli;

import dev.openapimcp.model.ToolCatalog;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** {@code --base-url}: the API's address instead of the spec's server, as {@code BASE_URL} sets it. */
final class BaseUrlOverride {

  static final String VARIABLE = "BASE_URL";

  private BaseUrlOverride() {}

  /**
   * {@code url} checked here, so the message names the flag rather than the runtime's variable.
   *
   * @throws IllegalArgumentException when it is not an absolute http(s) URL without query
   */
  static String check(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getRawQuery() == null
          && uri.getRawFragment() == null && uri.getRawUserInfo() == null) {
        return url;
      }
    } catch (URISyntaxException e) {
      // Answered below; the URL is not repeated, as it may hold a secret.
    }
    throw new IllegalArgumentException("--base-url must be an absolute http or https URL without query,"
        + " fragment or user name, such as https://api.example.com.");
  }

  /** {@code catalog} with its base URL replaced by {@code url}, or unchanged when {@code url} is null. */
  static ToolCatalog apply(ToolCatalog catalog, String url) {
    return url == null ? catalog : new ToolCatalog(catalog.serverName(), catalog.serverVersion(), check(url),
        catalog.tokenVariable(), catalog.tools(), catalog.credentials());
  }
}
