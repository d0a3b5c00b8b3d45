package dev.openapimcp.runtime.internal.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openapimcp.runtime.internal.config.BaseUrl;
import dev.openapimcp.model.Credential;
import dev.openapimcp.model.HttpBinding;
import dev.openapimcp.runtime.internal.config.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialsTest {

  private static final BaseUrl BASE = BaseUrl.fromEnvironment(Map.of(), "https://api.example.com");
  private static final List<Credential> SCHEMES = List.of(
      Credential.bearer("bearer", "PETS_TOKEN"),
      Credential.basic("basic", "PETS_USERNAME", "PETS_PASSWORD"),
      Credential.apiKeyHeader("headerKey", "X-API-Key", "PETS_HEADER_KEY"),
      Credential.apiKeyQuery("queryKey", "api key", "PETS_QUERY_KEY"),
      Credential.apiKeyCookie("cookieKey", "sid", "PETS_COOKIE_KEY"));

  private static OutgoingRequest build(Map<String, String> env, Map<String, String> headers, String... schemes)
      throws InvalidCallException {
    HttpBinding.Builder binding = HttpBinding.of("GET", "/pets");
    for (String scheme : schemes) {
      binding.requires(scheme.split("\\+"));
    }
    return new RequestBuilder(BASE, headers, new Credentials(SCHEMES, env)).build(binding.build(), Map.of());
  }

  @Test
  void eachKindGoesWhereItsSchemeSays() throws Exception {
    Map<String, String> env = Map.of("PETS_TOKEN", "t0k", "PETS_USERNAME", "ann", "PETS_PASSWORD", "pw",
        "PETS_HEADER_KEY", "hk", "PETS_QUERY_KEY", "q k", "PETS_COOKIE_KEY", "ck");

    assertThat(build(env, Map.of(), "bearer").header("Authorization")).isEqualTo("Bearer t0k");
    assertThat(build(env, Map.of(), "basic").header("Authorization")).isEqualTo(
        "Basic " + Base64.getEncoder().encodeToString("ann:pw".getBytes(StandardCharsets.UTF_8)));
    assertThat(build(env, Map.of(), "headerKey").header("X-API-Key")).isEqualTo("hk");
    assertThat(build(env, Map.of(), "queryKey").uri().getRawQuery()).isEqualTo("api%20key=q%20k");
    assertThat(build(env, Map.of(), "cookieKey").header("Cookie")).isEqualTo("sid=ck");
    // Both schemes of one alternative are sent together.
    OutgoingRequest both = build(env, Map.of(), "headerKey+cookieKey");
    assertThat(both.header("X-API-Key")).isEqualTo("hk");
    assertThat(both.header("Cookie")).isEqualTo("sid=ck");
  }

  @Test
  void theFirstAlternativeThatCanBeMetIsUsed() throws Exception {
    OutgoingRequest request = build(Map.of("PETS_HEADER_KEY", "hk"), Map.of(), "bearer", "headerKey");
    assertThat(request.header("X-API-Key")).isEqualTo("hk");
    assertThat(request.header("Authorization")).isNull();
  }

  @Test
  void aHeaderFromOpenApiMcpHeadersSatisfiesAndWins() throws Exception {
    OutgoingRequest request = build(Map.of("PETS_TOKEN", "env"), Map.of("authorization", "Bearer from-headers"),
        "bearer");
    assertThat(request.header("Authorization")).isEqualTo("Bearer from-headers");
  }

  @Test
  void missingCredentialsNameTheVariablesAndNoSecret() {
    assertThatThrownBy(() -> build(Map.of("PETS_USERNAME", "ann"), Map.of(), "basic", "queryKey+headerKey"))
        .isInstanceOf(InvalidCallException.class)
        .hasMessageStartingWith("This tool needs credentials: set PETS_USERNAME and PETS_PASSWORD (basic auth), "
            + "or PETS_QUERY_KEY (API key, sent as query parameter api key) and PETS_HEADER_KEY (API key, sent in "
            + "header X-API-Key)")
        .hasMessageNotContaining("ann");
  }

  @Test
  void operationsWithoutRequirementsNeedNothingAndSecretsStayOutOfToString() throws Exception {
    OutgoingRequest request = build(Map.of(), Map.of());
    assertThat(request.header("Authorization")).isNull();
    OutgoingRequest withKey = build(Map.of("PETS_QUERY_KEY", "s3cret"), Map.of(), "queryKey");
    assertThat(withKey.toString()).doesNotContain("s3cret");
    assertThat(new Credentials(SCHEMES, Map.of("PETS_TOKEN", "s3cret")).toString()).doesNotContain("s3cret");
  }

  @Test
  void valuesThatCannotBeSentWhereTheyGoStopTheServerNamingTheVariableOnly() {
    for (Map.Entry<String, String> bad : List.of(
        Map.entry("PETS_TOKEN", "t0k\nX-Injected: 1"),
        Map.entry("PETS_HEADER_KEY", "k\u0000ey"),
        Map.entry("PETS_HEADER_KEY", "k\u20acy"),
        Map.entry("PETS_COOKIE_KEY", "ck; admin=1"),
        Map.entry("PETS_COOKIE_KEY", "c\"k"))) {
      assertThatThrownBy(() -> new Credentials(SCHEMES, Map.ofEntries(bad)))
          .as(bad.getKey())
          .isInstanceOf(ConfigurationException.class)
          .hasMessageStartingWith(bad.getKey() + " holds a character that cannot be sent in a ")
          .hasMessageNotContaining(bad.getValue().strip());
    }
    // Encoded on the way: any text will do.
    new Credentials(SCHEMES, Map.of("PETS_QUERY_KEY", "q k;\"\u20ac", "PETS_USERNAME", "\u00e4nn", "PETS_PASSWORD", "p;w\n"));
  }

  @Test
  void secretsAreMaskedInTextAndUrlsLoseTheirQueryAndUserInfo() {
    Credentials credentials = new Credentials(SCHEMES, Map.of("PETS_TOKEN", "tok-123", "PETS_USERNAME", "ann",
        "PETS_PASSWORD", "pass-456", "PETS_QUERY_KEY", "q k/789", "PETS_COOKIE_KEY", "ck-0"));
    Secrets secrets = Secrets.of(Map.of("X-Custom-Token", "custom-1", "Authorization", "Bearer hdr-2",
        "Notion-Version", "2025-09-03"), credentials);
    String basic = Base64.getEncoder().encodeToString("ann:pass-456".getBytes(StandardCharsets.UTF_8));

    assertThat(secrets.mask("tok-123 pass-456 " + basic + " q k/789 q%20k%2F789 ck-0 custom-1 Bearer hdr-2 hdr-2"))
        .isEqualTo("*** *** *** *** *** *** *** *** ***");
    // Not secrets: a version header, values too short to mask without masking words.
    assertThat(secrets.mask("Notion-Version 2025-09-03, user ann")).isEqualTo("Notion-Version 2025-09-03, user ann");
    assertThat(secrets.plus(Map.of("Notion-Token", "passed-3")).mask("passed-3")).isEqualTo("***");
    assertThat(secrets.mask("passed-3")).isEqualTo("passed-3");
    assertThat(secrets.toString()).doesNotContain("tok-123").doesNotContain("custom-1");
    assertThat(Secrets.none().mask("tok-123")).isEqualTo("tok-123");

    assertThat(Secrets.withoutUrlSecrets(
        "Illegal character in path at index 10: http://x/a[0]?api_key=S3CRET; see https://u:p@h:8/p#frag and HTTP://H/x?"))
        .isEqualTo("Illegal character in path at index 10: http://x/a[0]?*** see https://***@h:8/p#*** and HTTP://H/x?***");
    assertThat(Secrets.withoutUrlSecrets("no url here ?a=b")).isEqualTo("no url here ?a=b");
    assertThat(Secrets.withoutUrlSecrets(null)).isNull();
  }
}
