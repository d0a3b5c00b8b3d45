package dev.openapimcp.generator.internal.model;

import dev.openapimcp.generator.GenerationException;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.Map;
import java.util.function.Function;

/** Follows the {@code $ref}s of parameters, request bodies and responses into the spec's components. */
final class ComponentResolver {

  /** References followed one after another before they count as a loop. */
  static final int MAX_REF_CHAIN = 16;

  private final OpenAPI openApi;

  ComponentResolver(OpenAPI openApi) {
    this.openApi = openApi;
  }

  Parameter parameter(Parameter parameter, String pointer) throws GenerationException {
    return resolve(parameter, Parameter::get$ref, "#/components/parameters/", Components::getParameters, pointer);
  }

  RequestBody requestBody(RequestBody body, String pointer) throws GenerationException {
    return resolve(body, RequestBody::get$ref, "#/components/requestBodies/", Components::getRequestBodies,
        pointer);
  }

  ApiResponse response(ApiResponse response, String pointer) throws GenerationException {
    return resolve(response, ApiResponse::get$ref, "#/components/responses/", Components::getResponses, pointer);
  }

  /**
   * Follows {@code $ref}s into one section of {@code components}; a chain longer than a few links
   * is taken for a cycle.
   */
  private <T> T resolve(T value, Function<T, String> refOf, String prefix,
      Function<Components, Map<String, T>> section, String pointer) throws GenerationException {
    T current = value;
    for (int depth = 0; current != null && refOf.apply(current) != null; depth++) {
      String ref = refOf.apply(current);
      Map<String, T> components = openApi.getComponents() == null ? null : section.apply(openApi.getComponents());
      T target = depth < MAX_REF_CHAIN && ref.startsWith(prefix) && components != null
          ? components.get(SchemaNormalizer.unescape(ref.substring(prefix.length()))) : null;
      if (target == null) {
        throw GenerationException.at(null, pointer, "$ref '" + ref + "' does not resolve");
      }
      current = target;
    }
    return current;
  }
}
