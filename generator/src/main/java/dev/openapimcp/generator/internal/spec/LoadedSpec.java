package dev.openapimcp.generator.internal.spec;

import io.swagger.v3.oas.models.OpenAPI;
import java.util.List;

/**
 * A parsed description.
 *
 * @param location where it was read from, as the user gave it (used in error messages)
 * @param openApi swagger-parser's model; Swagger 2.0 arrives already converted to 3.0
 * @param warnings swagger-parser's messages that did not stop parsing
 */
public record LoadedSpec(String location, OpenAPI openApi, List<String> warnings) {

  public LoadedSpec {
    warnings = List.copyOf(warnings);
  }

  /** Whether schemas follow OpenAPI 3.1 (JSON Schema 2020-12) rather than 3.0's dialect. */
  public boolean isOpenApi31() {
    return openApi.getOpenapi() != null && openApi.getOpenapi().startsWith("3.1");
  }
}
