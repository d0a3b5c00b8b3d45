package dev.openapimcp.generator.internal.model;

import java.util.List;

/**
 * A schema as conversion keeps it: without the definitions it reaches, which the API's tools share
 * ({@link ConvertedApi#definitions()}); {@link dev.openapimcp.model.SharedDefinitions#schema} puts
 * them back.
 *
 * @param root compact JSON text of the schema, an object, without {@code $defs}
 * @param refs the definitions it references directly, by name
 */
public record SchemaParts(String root, List<String> refs) {

  public SchemaParts {
    refs = List.copyOf(refs);
  }
}
