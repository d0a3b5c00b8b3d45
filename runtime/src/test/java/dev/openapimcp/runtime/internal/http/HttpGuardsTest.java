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
  void theDefaultPassthroughHeaderIsTheTokenVariableAsAHeaderName() {
    assertThat(TokenPassthrough.defaultHeader("NOTION_TOKEN")).isEqualTo("Notion-Token");
    assertThat(TokenPassthrough.defaultHeader("TEST_API_TOKEN")).isEqualTo("Test-Api-Token");
    assertThat(TokenPassthrough.defaultHeader("GITHUB_PAT")).isEqualTo("Github-Pat-Token");
    assertThat(TokenPassthrough.defaultHeader(null)).isEqualTo("Api-Token");
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
  void originsAndHostsAreParsedWholeNotComparedByPrefix() throws Exception {
    DnsRebindingGuard guard = new DnsRebindingGuard("127.0.0.1");

    for (String origin : List.of("http://localhost", "http://localhost:6274", "https://127.0.0.1:3000",
        "http://[::1]:80", "http://[0:0:0:0:0:0:0:1]", "HTTP://LOCALHOST:3000", "http://LocalHost")) {
      guard.validate(headers("localhost:3000", origin));
    }
    for (String origin : List.of(
        "http://localhost:80@evil.com", "http://localhost@evil.com", "http://user:pw@localhost:3000",
        "http://localhost.:3000", "http://localhost.", "http://127.0.0.1.:3000", "http://localhost:3000/",
        "http://localhost:3000/path", "http://localhost:3000?x", "http://localhost:3000#x", "http://localhost:",
        "http://localhost:99999", "http://localhost:-1", "http://localhost:3000:3000", "http://localhost :3000",
        "http://localhost.evil.com", "http://evil.com#localhost", "http://127.0.0.1.evil.com", "http://127.1",
        "http://2130706433", "http://[::ffff:127.0.0.1]", "http://[::1", "http://[evil.com]", "http://[::2]",
        "http://localhost%2eevil.com", "http://localhost, http://evil.com", "file://localhost", "ws://localhost",
        "//localhost", "localhost", "null", "", " ")) {
      assertThatThrownBy(() -> guard.validate(headers("localhost:3000", origin))).as(origin)
          .isInstanceOfSatisfying(ServerTransportSecurityException.class, e -> assertThat(e.getStatusCode()).isEqualTo(403));
    }
    assertThatThrownBy(() -> guard.validate(headers(List.of("localhost:3000"), List.of("http://localhost", "http://evil.com"))))
        .isInstanceOfSatisfying(ServerTransportSecurityException.class, e -> assertThat(e.getStatusCode()).isEqualTo(403));

    for (String host : List.of("localhost", "localhost:3000", "LOCALHOST:3000", "127.0.0.1:1", "[::1]:3000", "[::1]")) {
      guard.validate(headers(host, null));
    }
    for (String host : List.of("localhost:80@evil.com", "user@localhost:3000", "localhost.:3000", "localhost.",
        "localhost:3000/", "localhost:abc", "localhost:", "localhost:65536", "evil.com", "localhost.evil.com",
        "127.0.0.1.nip.io", "127.1:3000", "[::1]x", "[::1]:3000:1", "::1", "", "localhost:3000, evil.com")) {
      assertThatThrownBy(() -> guard.validate(headers(host, null))).as(host)
          .isInstanceOfSatisfying(ServerTransportSecurityException.class, e -> assertThat(e.getStatusCode()).isEqualTo(421));
    }
    assertThatThrownBy(() -> guard.validate(headers(List.of("localhost:3000", "evil.com"), List.of())))
        .isInstanceOfSatisfying(ServerTransportSecurityException.class, e -> assertThat(e.getStatusCode()).isEqualTo(421));
    assertThatThrownBy(() -> guard.validate(headers(List.of(), List.of())))
        .isInstanceOfSatisfying(ServerTransportSecurityException.class, e -> assertThat(e.getStatusCode()).isEqualTo(421));

    // A server bound to another address also takes that address, and only it.
    DnsRebindingGuard lan = new DnsRebindingGuard("192.168.1.5");
    lan.validate(headers("192.168.1.5:3000", "http://192.168.1.5:3000"));
    assertThatThrownBy(() -> lan.validate(headers("192.168.1.50:3000", null))).isInstanceOf(ServerTransportSecurityException.class);
    assertThatThrownBy(() -> lan.validate(headers("localhost", "http://192.168.1.5.evil.com")))
        .isInstanceOf(ServerTransportSecurityException.class);
    DnsRebindingGuard ipv6 = new DnsRebindingGuard("[fe80::1]");
    ipv6.validate(headers("[FE80:0::1]:3000", "http://[fe80::0:1]:6274"));
    assertThatThrownBy(() -> ipv6.validate(headers("[fe80::2]:3000", null))).isInstanceOf(ServerTransportSecurityException.class);
  }

  @Test
  void drainingWithNothingRunningIsImmediate() throws Exception {
    InFlightRequests inFlight = new InFlightRequests();

    assertThat(inFlight.awaitIdle(Duration.ZERO)).isTrue();
    inFlight.drain();
    assertThat(inFlight.active()).isZero();
  }

  private static HeaderAccessor headers(String host, String origin) {
    return headers(host == null ? List.of() : List.of(host), origin == null ? List.of() : List.of(origin));
  }

  private static HeaderAccessor headers(List<String> hosts, List<String> origins) {
    return new HeaderAccessor() {
      @Override
      public List<String> getHeader(String name) {
        return name.equalsIgnoreCase("Host") ? hosts : name.equalsIgnoreCase("Origin") ? origins : List.of();
      }

      @Override
      public List<String> getHeaderNames() {
        return origins.isEmpty() ? List.of("Host") : List.of("Host", "Origin");
      }
    };
  }
}
