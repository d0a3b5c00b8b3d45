package dev.openapimcp.runtime.internal.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openapimcp.runtime.internal.config.BaseUrl;
import dev.openapimcp.model.Credential;
import dev.openapimcp.model.HttpBinding;
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
}
