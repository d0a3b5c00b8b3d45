package dev.openapimcp.generator.internal.spec;

import io.swagger.v3.oas.models.OpenAPI;
import java.util.List;
import java.util.Map;

/**
 * A parsed description.
 *
 * @param location where it was read from, as the user gave it (used in error messages)
 * @param openApi swagger-parser's model; Swagger 2.0 arrives already converted to 3.0
 * @param warnings swagger-parser's messages that did not stop parsing
 * @param methodOrder for each path, its methods (lower case) in document order; swagger-parser's
 *     model forgets that order, and users expect tools listed as their spec lists operations
 */
public record LoadedSpec(String location, OpenAPI openApi, List<String> warnings,
    Map<String, List<String>> methodOrder) {

  public LoadedSpec {
    warnings = List.copyOf(warnings);
    methodOrder = Map.copyOf(methodOrder);
  }

  /** Whether schemas follow OpenAPI 3.1 (JSON Schema 2020-12) rather than 3.0's dialect. */
  public boolean isOpenApi31() {
    return openApi.getOpenapi() != null && openApi.getOpenapi().startsWith("3.1");
  }
}
