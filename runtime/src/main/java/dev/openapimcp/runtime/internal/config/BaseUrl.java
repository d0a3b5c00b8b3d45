package dev.openapimcp.runtime.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * Where the API lives: {@code BASE_URL} from the environment, else the catalog's URL. Request paths
 * are appended to it, keeping any path prefix it has ({@code https://host/api} + {@code /v1/x} is
 * {@code https://host/api/v1/x}).
 */
public final class BaseUrl {

  /** The variable that overrides the catalog's base URL. */
  public static final String VARIABLE = "BASE_URL";

  private final URI uri;
  /** Scheme, authority and path without trailing slashes; paths are appended to this text. */
  private final String prefix;

  private BaseUrl(URI uri) {
    this.uri = uri;
    String text = uri.toString();
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == '/') {
      end--;
    }
    this.prefix = text.substring(0, end);
  }

  /**
   * The base URL from {@code BASE_URL} when set, else {@code catalogUrl}.
   *
   * @throws ConfigurationException when the chosen URL is not an absolute http(s) URL
   */
  public static BaseUrl fromEnvironment(Map<String, String> environment, String catalogUrl) {
    String override = environment.get(VARIABLE);
    if (override != null) {
      return parse(
          override.strip(), VARIABLE + " must be an absolute http or https URL such as https://api.example.com");
    }
    return parse(
        catalogUrl,
        "The API base URL built into this server is not an absolute http or https URL; set "
            + VARIABLE
            + " to the API's address, such as https://api.example.com");
  }

  /** {@code url} checked; {@code problem} starts the message when it is not usable. */
  static BaseUrl parse(String url, String problem) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      // The message would quote the URL, which may carry credentials.
      throw new ConfigurationException(problem + ".");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new ConfigurationException(problem + ".");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new ConfigurationException(problem + ", without a query or fragment.");
    }
    if (uri.getRawUserInfo() != null) {
      throw new ConfigurationException(problem + ", without user name or password; credentials belong in headers.");
    }
    return new BaseUrl(uri);
  }

  /**
   * The URL for {@code rawPath} (already percent-encoded, starting with {@code /}) and an optional
   * raw query.
   */
  public URI resolve(String rawPath, String rawQuery) {
    StringBuilder url = new StringBuilder(prefix);
    if (!rawPath.startsWith("/")) {
      url.append('/');
    }
    url.append(rawPath);
    if (rawQuery != null && !rawQuery.isEmpty()) {
      url.append('?').append(rawQuery);
    }
    return URI.create(url.toString());
  }

  /** {@code host:port}, with the scheme's default port filled in; for messages. */
  public String hostAndPort() {
    return hostAndPort(uri);
  }

  /** {@code host:port} of {@code uri}, with the scheme's default port filled in. */
  public static String hostAndPort(URI uri) {
    int port = uri.getPort();
    if (port < 0) {
      port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
    return uri.getHost() + ":" + port;
  }

  /** Scheme, host and port: safe to log (no path, no credentials). */
  public String origin() {
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  @Override
  public String toString() {
    return prefix;
  }
}
