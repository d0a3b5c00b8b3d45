package dev.openapimcp.runtime.internal.http;

import dev.openapimcp.runtime.internal.mcp.PerRequestHeaders;
import dev.openapimcp.runtime.settings.ServerSettings;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;

/**
 * Token passthrough: an HTTP client may send its own API token in a header (such as {@code
 * Notion-Token}); that request's tool call then goes to the API with {@code Authorization: Bearer
 * <token>} instead of the server's configured credentials. Requests without the header use the
 * configured ones.
 *
 * <p>The token is read from each HTTP request and handed to the SDK as that request's transport
 * context, which the SDK passes to the tool handler of that request only: no state is kept, so one
 * session's token cannot reach another's calls. As a filter it first refuses an unusable value
 * (400) rather than silently falling back to the server's own token.
 */
public final class TokenPassthrough implements Filter, McpTransportContextExtractor<HttpServletRequest> {

  /** Longer values are refused; real API tokens are far shorter. */
  static final int MAX_TOKEN_LENGTH = 4096;

  private final String headerName;

  TokenPassthrough(String headerName) {
    this.headerName = headerName;
  }

  /**
   * The header clients send their own token in, when {@code settings} turn passthrough on: the one
   * they name, else {@link #defaultHeader} of the API's token variable; {@code null} when off.
   */
  public static String header(ServerSettings settings, String tokenVariable) {
    if (!settings.tokenPassthrough()) {
      return null;
    }
    return settings.tokenPassthroughHeader() != null ? settings.tokenPassthroughHeader() : defaultHeader(tokenVariable);
  }

  /**
   * The token passthrough header for an API whose token variable is {@code tokenVariable}: {@code
   * NOTION_TOKEN} → {@code Notion-Token}, {@code MY_API_TOKEN} → {@code My-Api-Token}; {@code
   * Api-Token} when the API has none.
   */
  public static String defaultHeader(String tokenVariable) {
    String base = tokenVariable == null || tokenVariable.isBlank() ? "API" : tokenVariable.strip();
    if (base.toUpperCase(Locale.ROOT).endsWith("_TOKEN")) {
      base = base.substring(0, base.length() - "_TOKEN".length());
    }
    StringBuilder name = new StringBuilder();
    for (String word : base.split("[^A-Za-z0-9]+")) {
      if (!word.isEmpty()) {
        name.append(Character.toUpperCase(word.charAt(0)))
            .append(word.substring(1).toLowerCase(Locale.ROOT))
            .append('-');
      }
    }
    return name.append("Token").toString();
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String token = ((HttpServletRequest) request).getHeader(headerName);
    if (token != null && !isUsable(token)) {
      ErrorResponses.send((HttpServletResponse) response, HttpServletResponse.SC_BAD_REQUEST,
          ErrorResponses.refusal((HttpServletRequest) request),
          "Bad request: the " + headerName + " header must hold the API token alone (no 'Bearer ', spaces or"
              + " control characters, at most " + MAX_TOKEN_LENGTH + " characters)");
      return;
    }
    chain.doFilter(request, response);
  }

  @Override
  public McpTransportContext extract(HttpServletRequest request) {
    String token = request.getHeader(headerName);
    // The filter has refused unusable values; an absent header means the configured credentials.
    return token == null || !isUsable(token) ? McpTransportContext.EMPTY : PerRequestHeaders.bearer(token.strip()).asContext();
  }

  /** Visible ASCII without spaces: what can follow {@code Bearer } in a header. */
  static boolean isUsable(String token) {
    String trimmed = token.strip();
    if (trimmed.isEmpty() || trimmed.length() > MAX_TOKEN_LENGTH) {
      return false;
    }
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }
}
