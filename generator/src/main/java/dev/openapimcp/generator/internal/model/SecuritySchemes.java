package dev.openapimcp.generator.internal.model;

import dev.openapimcp.model.Credential;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The spec's security schemes as credentials read from environment variables named after the API
 * and the scheme, and each operation's requirements in terms of them.
 *
 * <p>Variables: the first bearer-like scheme (HTTP bearer, OAuth 2, OpenID Connect: the user brings
 * an access token) uses {@code <API>_TOKEN}, the same variable the server's global token uses;
 * others {@code <API>_<SCHEME>_TOKEN}. Basic auth uses {@code <API>_USERNAME} and
 * {@code <API>_PASSWORD}; API keys {@code <API>_<SCHEME>}.
 */
final class SecuritySchemes {

  private final OpenAPI openApi;
  private final Map<String, Credential> byScheme = new LinkedHashMap<>();

  SecuritySchemes(OpenAPI openApi, String apiName) {
    this.openApi = openApi;
    String prefix = snake(apiName);
    boolean tokenTaken = false;
    boolean basicTaken = false;
    Map<String, SecurityScheme> schemes = openApi.getComponents() == null
        || openApi.getComponents().getSecuritySchemes() == null
        ? Map.of() : openApi.getComponents().getSecuritySchemes();
    for (Map.Entry<String, SecurityScheme> entry : schemes.entrySet()) {
      String name = entry.getKey();
      SecurityScheme scheme = entry.getValue();
      if (scheme == null || scheme.getType() == null) {
        continue;
      }
      Credential credential = null;
      switch (scheme.getType()) {
        case HTTP -> {
          String kind = scheme.getScheme() == null ? "" : scheme.getScheme().toLowerCase(Locale.ROOT);
          if (kind.equals("basic")) {
            String base = basicTaken ? prefix + "_" + snake(name) : prefix;
            credential = Credential.basic(name, base + "_USERNAME", base + "_PASSWORD");
            basicTaken = true;
          } else if (kind.equals("bearer")) {
            credential = Credential.bearer(name, tokenTaken ? prefix + "_" + snake(name) + "_TOKEN" : prefix + "_TOKEN");
            tokenTaken = true;
          }
        }
        case OAUTH2, OPENIDCONNECT -> {
          credential = Credential.bearer(name, tokenTaken ? prefix + "_" + snake(name) + "_TOKEN" : prefix + "_TOKEN");
          tokenTaken = true;
        }
        case APIKEY -> {
          String variable = prefix + "_" + snake(name);
          if (scheme.getIn() != null && scheme.getName() != null) {
            credential = switch (scheme.getIn()) {
              case HEADER -> Credential.apiKeyHeader(name, scheme.getName(), variable);
              case QUERY -> Credential.apiKeyQuery(name, scheme.getName(), variable);
              case COOKIE -> Credential.apiKeyCookie(name, scheme.getName(), variable);
            };
          }
        }
        default -> {
          // Mutual TLS and unknown types: nothing an environment variable can provide.
        }
      }
      if (credential != null) {
        byScheme.put(name, credential);
      }
    }
  }

  /** Every credential, in the spec's order. */
  List<Credential> list() {
    return List.copyOf(byScheme.values());
  }

  /**
   * The operation's alternatives (its own {@code security}, else the spec's), each a list of
   * scheme names; empty when the operation needs nothing, including when one alternative is
   * {@code {}} (authentication optional).
   */
  List<List<String>> requirements(Operation operation) {
    List<SecurityRequirement> declared = operation.getSecurity() != null ? operation.getSecurity()
        : openApi.getSecurity();
    if (declared == null) {
      return List.of();
    }
    List<List<String>> alternatives = new ArrayList<>();
    for (SecurityRequirement requirement : declared) {
      List<String> schemes = new ArrayList<>();
      for (String scheme : requirement.keySet()) {
        if (byScheme.containsKey(scheme)) {
          schemes.add(scheme);
        }
      }
      if (schemes.isEmpty()) {
        return List.of();
      }
      alternatives.add(schemes);
    }
    return alternatives;
  }

  /** {@code PetStore} → {@code PET_STORE}; {@code api_key} → {@code API_KEY}. */
  static String snake(String name) {
    // An acronym ends where a capitalised word starts: RAWGVideo -> RAWG_Video (it gave RAWGVIDEO_...).
    return name.replaceAll("([A-Z]{2,})([A-Z][a-z])", "$1_$2").replaceAll("([a-z0-9])([A-Z])", "$1_$2")
        .replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_+|_+$", "").toUpperCase(Locale.ROOT);
  }
}
