package dev.openapimcp.runtime.internal.http;

import dev.openapimcp.runtime.internal.digest.Sha256;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;

/**
 * Lets a request through only with {@code Authorization: Bearer <the server's token>}: none gives
 * 401 with {@code WWW-Authenticate: Bearer}, another token 403, as the npm server answers.
 *
 * <p>A 2026-07-28 request ({@link McpEndpointFilter#hasModernHeaders}) is answered as that revision's
 * authorization text says instead: "Invalid or expired tokens MUST receive a HTTP 401 response" (403
 * is for insufficient scope, which a single token has no notion of), with RFC 6750's challenge
 * {@code WWW-Authenticate: Bearer error="invalid_token"} and its JSON error body, as the Python and
 * TypeScript SDK servers answer; not the npm server's -32001/-32002 (basic/index.mdx: "MUST NOT emit"
 * -32002, and -32000 to -32019 are legacy codes new implementations "SHOULD NOT use").
 *
 * <p>Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual}, which takes the same
 * time wherever the first difference is and, on equal-length digests, reveals nothing about the
 * token's length either.
 */
final class BearerAuthFilter implements Filter {

  private static final String SCHEME = "Bearer ";

  private final byte[] expectedDigest;

  BearerAuthFilter(String token) {
    this.expectedDigest = Sha256.of(token);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    HttpServletResponse answer = (HttpServletResponse) response;
    String presented = bearerToken(http.getHeader("Authorization"));
    if (McpEndpointFilter.hasModernHeaders(http)) {
      if (presented == null) {
        ErrorResponses.sendInvalidToken(answer, "Authentication required: send Authorization: Bearer <token>");
        return;
      }
      if (!MessageDigest.isEqual(expectedDigest, Sha256.of(presented))) {
        ErrorResponses.sendInvalidToken(answer, "The bearer token is not valid for this server");
        return;
      }
      chain.doFilter(request, response);
      return;
    }
    if (presented == null) {
      answer.setHeader("WWW-Authenticate", "Bearer");
      ErrorResponses.send(answer, HttpServletResponse.SC_UNAUTHORIZED, ErrorResponses.UNAUTHORIZED,
          "Unauthorized: missing bearer token");
      return;
    }
    if (!MessageDigest.isEqual(expectedDigest, Sha256.of(presented))) {
      ErrorResponses.send(answer, HttpServletResponse.SC_FORBIDDEN, ErrorResponses.FORBIDDEN,
          "Forbidden: invalid bearer token");
      return;
    }
    chain.doFilter(request, response);
  }

  /** The token of a {@code Bearer} credential (scheme in any case), or {@code null}. */
  static String bearerToken(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return null;
    }
    String token = authorization.substring(SCHEME.length()).strip();
    return token.isEmpty() ? null : token;
  }

}
