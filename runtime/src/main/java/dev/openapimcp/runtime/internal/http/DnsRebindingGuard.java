package dev.openapimcp.runtime.internal.http;

import io.modelcontextprotocol.server.transport.HeaderAccessor;
import io.modelcontextprotocol.server.transport.ServerHttpHeaderValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Refuses requests whose {@code Host} (421) or {@code Origin} (403) names anything but this
 * machine's loopback names or the address the server is bound to: a web page whose domain was
 * re-pointed at 127.0.0.1 (DNS rebinding) sends its own domain in both, and must not reach a
 * server meant only for local clients.
 *
 * <p>Both headers are parsed as what they are, an authority ({@code host[:port]}) and a serialized
 * origin ({@code scheme://host[:port]}), and the host is compared whole: the SDK's validator
 * compared prefixes, so {@code Origin: http://localhost:80@evil.com} passed. Anything that is not
 * exactly one well-formed value is refused: user info, a path, a trailing dot, a port that is not a
 * number, {@code Origin: null} (sandboxed frames, which a rebinding page can open), repeated headers.
 * Names compare ignoring case, IPv6 addresses by value ({@code [0:0::1]} is {@code [::1]}). Any port
 * is accepted: the attack lies in the name, and a local page such as the MCP Inspector has its own
 * port. A missing {@code Origin} is a client that is not a browser; a missing {@code Host} is refused.
 *
 * <p>The filter runs before authentication, so a rebinding page learns nothing about the token
 * either; the same checks are handed to the SDK's transport ({@link #validator()}).
 */
final class DnsRebindingGuard implements Filter, ServerHttpHeaderValidator {

  private static final int MISDIRECTED = 421;

  private final List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1"));
  private final List<InetAddress> addresses = new ArrayList<>();

  DnsRebindingGuard(String bindHost) {
    addresses.add(ipv6("::1"));
    if (!isWildcard(bindHost)) {
      String bare = unbracketed(bindHost);
      InetAddress literal = bare.contains(":") ? ipv6(bare) : null;
      if (literal != null) {
        addresses.add(literal);
      } else {
        names.add(bare.toLowerCase(Locale.ROOT));
      }
    }
  }

  private static InetAddress ipv6(String literal) {
    try {
      // A bracketed literal is parsed, never looked up.
      return InetAddress.getByName("[" + literal + "]");
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** These checks for the SDK's transport. */
  ServerHttpHeaderValidator validator() {
    return this;
  }

  /** Whether {@code host} only accepts connections from this machine. */
  static boolean isLoopback(String host) {
    String lower = unbracketed(host).toLowerCase(Locale.ROOT);
    return lower.equals("localhost") || lower.equals("::1") || lower.equals("0:0:0:0:0:0:0:1")
        || lower.startsWith("127.");
  }

  private static String unbracketed(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static boolean isWildcard(String host) {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") || host.isEmpty();
  }

  /** {@code ::1} → {@code [::1]}: how an IPv6 address appears in {@code Host} and URLs. */
  static String hostLiteral(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  @Override
  public void validate(HeaderAccessor headers) throws ServerTransportSecurityException {
    List<String> hosts = headers.getHeader("Host");
    if (hosts == null || hosts.size() != 1 || !isAllowedHost(hostOfAuthority(hosts.get(0)))) {
      throw new ServerTransportSecurityException(MISDIRECTED, "Misdirected request: Host is not this server");
    }
    List<String> origins = headers.getHeader("Origin");
    if (origins != null && !origins.isEmpty()
        && (origins.size() != 1 || !isAllowedHost(hostOfOrigin(origins.get(0))))) {
      throw new ServerTransportSecurityException(HttpServletResponse.SC_FORBIDDEN, "Forbidden: Origin not allowed");
    }
  }

  private boolean isAllowedHost(String host) {
    if (host == null) {
      return false;
    }
    if (host.startsWith("[")) {
      InetAddress address = ipv6(host.substring(1, host.length() - 1));
      return address instanceof Inet6Address && addresses.contains(address);
    }
    return names.contains(host.toLowerCase(Locale.ROOT));
  }

  /**
   * The host of a serialized origin ({@code http://localhost:6274}), or {@code null} when the value
   * is not one: another scheme, {@code null}, or anything after the port.
   */
  static String hostOfOrigin(String origin) {
    int separator = origin.indexOf("://");
    if (separator < 0) {
      return null;
    }
    String scheme = origin.substring(0, separator).toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return null;
    }
    return hostOfAuthority(origin.substring(separator + 3));
  }

  /**
   * The host of {@code host[:port]} as a {@code Host} header holds it ({@code [::1]} keeps its
   * brackets), or {@code null} when the value is not exactly that: RFC 3986's authority without user
   * info, the host a DNS name (letters, digits, {@code -}, {@code .}, no empty label, so no trailing
   * dot) or a bracketed IPv6 address, the port 0 to 65535.
   */
  static String hostOfAuthority(String authority) {
    String host;
    String rest;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        return null;
      }
      host = authority.substring(0, close + 1);
      rest = authority.substring(close + 1);
      if (!isIpv6Literal(host.substring(1, close))) {
        return null;
      }
    } else {
      int colon = authority.indexOf(':');
      host = colon < 0 ? authority : authority.substring(0, colon);
      rest = colon < 0 ? "" : authority.substring(colon);
      if (!isDnsName(host)) {
        return null;
      }
    }
    return rest.isEmpty() || isPort(rest) ? host : null;
  }

  private static boolean isDnsName(String host) {
    if (host.isEmpty() || host.length() > 253) {
      return false;
    }
    for (String label : host.split("\\.", -1)) {
      if (label.isEmpty() || label.length() > 63) {
        return false;
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!letterOrDigit && c != '-') {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean isIpv6Literal(String literal) {
    if (literal.isEmpty() || literal.length() > 45) {
      return false;
    }
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex && c != ':' && c != '.') {
        return false;
      }
    }
    return ipv6(literal) != null;
  }

  /** {@code :} and 1 to 5 digits up to 65535. */
  private static boolean isPort(String colonAndPort) {
    int digits = colonAndPort.length() - 1;
    if (colonAndPort.charAt(0) != ':' || digits < 1 || digits > 5) {
      return false;
    }
    for (int i = 1; i < colonAndPort.length(); i++) {
      char c = colonAndPort.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return Integer.parseInt(colonAndPort.substring(1)) <= 65_535;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    try {
      validate(new RequestHeaders(http));
    } catch (ServerTransportSecurityException e) {
      boolean badHost = e.getStatusCode() == MISDIRECTED;
      ErrorResponses.send((HttpServletResponse) response, e.getStatusCode(), ErrorResponses.refusal(http),
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
