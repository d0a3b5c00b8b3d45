package dev.openapimcp.runtime.internal.http;

import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HeaderAccessor;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses requests whose {@code Host} (421) or {@code Origin} (403) names anything but this
 * machine's loopback names or the address the server is bound to: a web page whose domain was
 * re-pointed at 127.0.0.1 (DNS rebinding) sends its own domain in both, and must not reach a
 * server meant only for local clients.
 *
 * <p>The checks are the SDK's {@link DefaultServerTransportSecurityValidator}; the same validator is
 * handed to the SDK's transport too (it checks nothing unless given one). This filter runs it before
 * authentication, so a rebinding page learns nothing about the token either. Any port is accepted:
 * the attack lies in the name.
 */
final class DnsRebindingGuard implements Filter {

  private static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "[::1]");

  private final DefaultServerTransportSecurityValidator validator;

  DnsRebindingGuard(String bindHost) {
    Set<String> names = new LinkedHashSet<>(LOOPBACK_NAMES);
    if (!isWildcard(bindHost)) {
      names.add(hostLiteral(bindHost).toLowerCase(Locale.ROOT));
    }
    DefaultServerTransportSecurityValidator.Builder builder = DefaultServerTransportSecurityValidator.builder();
    for (String name : names) {
      builder.allowedHost(name + ":*");
      builder.allowedOrigin("http://" + name + ":*");
      builder.allowedOrigin("https://" + name + ":*");
    }
    this.validator = builder.build();
  }

  /** The SDK validator with the same rules, for the SDK's transport. */
  DefaultServerTransportSecurityValidator validator() {
    return validator;
  }

  /** Whether {@code host} only accepts connections from this machine. */
  static boolean isLoopback(String host) {
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    String lower = bare.toLowerCase(Locale.ROOT);
    return lower.equals("localhost") || lower.equals("::1") || lower.equals("0:0:0:0:0:0:0:1")
        || lower.startsWith("127.");
  }

  private static boolean isWildcard(String host) {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") || host.isEmpty();
  }

  /** {@code ::1} → {@code [::1]}: how an IPv6 address appears in {@code Host} and URLs. */
  static String hostLiteral(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    try {
      validator.validate(new RequestHeaders(http));
    } catch (ServerTransportSecurityException e) {
      boolean badHost = e.getStatusCode() == 421;
      ErrorResponses.send((HttpServletResponse) response, e.getStatusCode(), ErrorResponses.REFUSED,
          badHost ? "Misdirected request: Host is not this server" : "Forbidden: Origin not allowed");
      return;
    }
    chain.doFilter(request, response);
  }

  /** The request's headers as the SDK validator reads them. */
  private record RequestHeaders(HttpServletRequest request) implements HeaderAccessor {

    @Override
    public List<String> getHeader(String name) {
      return Collections.list(request.getHeaders(name));
    }

    @Override
    public List<String> getHeaderNames() {
      return Collections.list(request.getHeaderNames());
    }
  }
}
