package dev.openapimcp.runtime.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openapimcp.runtime.internal.mcp.PerRequestHeaders;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.transport.HeaderAccessor;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HTTP guards' decisions, without a server. */
class HttpGuardsTest {

  @Test
  void bearerTokensAreReadFromTheAuthorizationHeaderOnly() {
    assertThat(BearerAuthFilter.bearerToken("Bearer abc")).isEqualTo("abc");
    assertThat(BearerAuthFilter.bearerToken("bearer  abc ")).isEqualTo("abc");
    assertThat(BearerAuthFilter.bearerToken("Basic abc")).isNull();
    assertThat(BearerAuthFilter.bearerToken("Bearer ")).isNull();
    assertThat(BearerAuthFilter.bearerToken("Bearerabc")).isNull();
    assertThat(BearerAuthFilter.bearerToken(null)).isNull();
  }

  @Test
  void passedThroughTokensMustBeTheTokenAlone() {
    assertThat(TokenPassthrough.isUsable("ntn_123abc")).isTrue();
    assertThat(TokenPassthrough.isUsable(" ntn_123abc ")).isTrue();
    assertThat(TokenPassthrough.isUsable("Bearer ntn_123abc")).isFalse();
    assertThat(TokenPassthrough.isUsable("")).isFalse();
    assertThat(TokenPassthrough.isUsable("caf\u00e9")).isFalse();
    assertThat(TokenPassthrough.isUsable("x".repeat(TokenPassthrough.MAX_TOKEN_LENGTH + 1))).isFalse();
  }

  @Test
  void thePassedThroughTokenTravelsAsThatRequestsTransportContextWithoutShowingIt() {
    McpTransportContext context = PerRequestHeaders.bearer("ntn_secret").asContext();

    assertThat(PerRequestHeaders.from(context)).isEqualTo(Map.of("Authorization", "Bearer ntn_secret"));
    assertThat(PerRequestHeaders.from(McpTransportContext.EMPTY)).isEmpty();
    assertThat(PerRequestHeaders.from(null)).isEmpty();
    assertThat(String.valueOf(context.get(PerRequestHeaders.CONTEXT_KEY)))
        .isEqualTo("PerRequestHeaders[Authorization]");
  }

  @Test
  void loopbackAddressesAreRecognised() {
    for (String host : List.of("127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]", "0:0:0:0:0:0:0:1")) {
      assertThat(DnsRebindingGuard.isLoopback(host)).as(host).isTrue();
    }
    for (String host : List.of("0.0.0.0", "::", "192.168.1.5", "example.com", "fe80::1")) {
      assertThat(DnsRebindingGuard.isLoopback(host)).as(host).isFalse();
    }
  }

  @Test
  void theGuardAcceptsLoopbackNamesAndTheBoundAddressOnAnyPort() throws Exception {
    DnsRebindingGuard guard = new DnsRebindingGuard("192.168.1.5");

    guard.validator().validate(headers("localhost:3000", null));
    guard.validator().validate(headers("127.0.0.1", "http://127.0.0.1:6274"));
    guard.validator().validate(headers("[::1]:3000", "https://localhost"));
    guard.validator().validate(headers("192.168.1.5:3000", "http://192.168.1.5:3000"));
    assertThatThrownBy(() -> guard.validator().validate(headers("evil.example:3000", null)))
        .isInstanceOfSatisfying(ServerTransportSecurityException.class, e -> assertThat(e.getStatusCode()).isEqualTo(421));
    assertThatThrownBy(() -> guard.validator().validate(headers("localhost:3000", "http://localhost.evil.example")))
        .isInstanceOfSatisfying(ServerTransportSecurityException.class, e -> assertThat(e.getStatusCode()).isEqualTo(403));
    assertThatThrownBy(() -> guard.validator().validate(headers("localhost:3000", "null")))
        .isInstanceOf(ServerTransportSecurityException.class);

    DnsRebindingGuard ipv6 = new DnsRebindingGuard("fe80::1");
    ipv6.validator().validate(headers("[fe80::1]:3000", null));
  }

  @Test
  void drainingWithNothingRunningIsImmediate() throws Exception {
    InFlightRequests inFlight = new InFlightRequests();

    assertThat(inFlight.awaitIdle(Duration.ZERO)).isTrue();
    inFlight.drain();
    assertThat(inFlight.active()).isZero();
  }

  private static HeaderAccessor headers(String host, String origin) {
    return new HeaderAccessor() {
      @Override
      public List<String> getHeader(String name) {
        String value = name.equalsIgnoreCase("Host") ? host : name.equalsIgnoreCase("Origin") ? origin : null;
        return value == null ? List.of() : List.of(value);
      }

      @Override
      public List<String> getHeaderNames() {
        return origin == null ? List.of("Host") : List.of("Host", "Origin");
      }
    };
  }
}
