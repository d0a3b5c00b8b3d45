package dev.openapimcp.generator.internal.spec;

import io.swagger.v3.oas.models.OpenAPI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed description.
 *
 * @param location where it was read from, as the user gave it (used in error messages)
 * @param openApi swagger-parser's model; Swagger 2.0 arrives already converted to 3.0
 * @param warnings swagger-parser's messages that did not stop parsing
 * @param methodOrder for each path, its methods (lower case) in document order; swagger-parser's
 *     model forgets that order, and users expect tools listed as their spec lists operations
 * @param unresolved for each place whose {@code $ref} leads nowhere (a JSON pointer, OpenAPI 3
 *     sections), the reference and why; the model holds the place without its reference
 */
public record LoadedSpec(String location, OpenAPI openApi, List<String> warnings,
    Map<String, List<String>> methodOrder, Map<String, String> unresolved) {

  public LoadedSpec {
    warnings = List.copyOf(warnings);
    methodOrder = Map.copyOf(methodOrder);
    unresolved = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(unresolved));
  }

  /** Whether schemas follow OpenAPI 3.1 (JSON Schema 2020-12) rather than 3.0's dialect. */
  public boolean isOpenApi31() {
    return openApi.getOpenapi() != null && openApi.getOpenapi().startsWith("3.1");
  }

  /**
   * The first reference at or under {@code pointer} that leads nowhere, as
   * {@code "<pointer>: $ref '...' does not resolve: <reason>"}.
   */
  public Optional<String> unresolvedUnder(String pointer) {
    for (Map.Entry<String, String> entry : unresolved.entrySet()) {
      String at = entry.getKey();
      if (at.equals(pointer) || at.startsWith(pointer + "/")) {
        return Optional.of(at + ": " + entry.getValue());
      }
    }
    return Optional.empty();
  }
}
