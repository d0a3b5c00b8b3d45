package dev.openapimcp.generator.internal.spec;

import io.swagger.v3.oas.models.OpenAPI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A parsed description.
 *
 * @param location where it was read from, as the user gave it (used in error messages)
 * @param openApi swagger-parser's model; Swagger 2.0 arrives already converted to 3.0
 * @param warnings swagger-parser's messages that did not stop parsing
 * @param methodOrder for each path, its methods (lower case) in document order; swagger-parser's
 *     model forgets that order, and users expect tools listed as their spec lists operations
 * @param unresolved for each place (a JSON pointer, OpenAPI 3 sections) whose {@code $ref} leads
 *     nowhere, or to a component holding such a place, the reference that leads nowhere and why;
 *     the model lacks these places
 * @param files every local file read: the spec, when it is one, and the files its {@code $ref}s reach
 *     (absolute, normalised, sorted), so the catalog cache need not read the spec again to list them
 */
public record LoadedSpec(String location, OpenAPI openApi, List<String> warnings,
    Map<String, List<String>> methodOrder, Map<String, Unresolved> unresolved, Set<Path> files) {

  public LoadedSpec {
    files = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(files));
    warnings = List.copyOf(warnings);
    methodOrder = Map.copyOf(methodOrder);
    unresolved = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(unresolved));
  }

  /** Whether schemas follow OpenAPI 3.1 (JSON Schema 2020-12) rather than 3.0's dialect. */
  public boolean isOpenApi31() {
    return openApi.getOpenapi() != null && openApi.getOpenapi().startsWith("3.1");
  }

  /** Why a place at or under {@code pointer} has a reference that leads nowhere, if one has. */
  public Optional<Unresolved> unresolvedUnder(String pointer) {
    SortedMap<String, Unresolved> sorted = (SortedMap<String, Unresolved>) unresolved;
    Unresolved exact = sorted.get(pointer);
    if (exact != null) {
      return Optional.of(exact);
    }
    // Keys under the pointer sort right after "<pointer>/" and before "<pointer>0" ('/' + 1).
    SortedMap<String, Unresolved> under = sorted.subMap(pointer + "/", pointer + "0");
    return under.isEmpty() ? Optional.empty() : Optional.of(under.values().iterator().next());
  }
}
