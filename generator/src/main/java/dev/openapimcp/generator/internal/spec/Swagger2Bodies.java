package dev.openapimcp.generator.internal.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.util.ArrayList;
import java.util.List;

/**
 * The media type of Swagger 2.0 bodies that name none. swagger-parser converts a body parameter of
 * an operation without {@code consumes} (its own or the spec's) to content {@code *}{@code /*},
 * which servers sent as {@code Content-Type: *}{@code /*}, a media range no API takes. Such a body
 * gets the spec's global {@code consumes}, else {@code application/json}.
 */
final class Swagger2Bodies {

  static final String ANY = "*/*";
  static final String JSON = "application/json";

  private Swagger2Bodies() {}

  /** Whether {@code document} is a Swagger 2.0 description. */
  static boolean isSwagger2(JsonNode document) {
    return !document.has("openapi") && document.has("swagger");
  }

  /** Gives every body of {@code openApi} whose only media type is {@code *}{@code /*} concrete ones. */
  static void name(JsonNode document, OpenAPI openApi) {
    List<String> fallback = new ArrayList<>();
    for (JsonNode consumes : document.path("consumes")) {
      if (consumes.isTextual() && !consumes.asText().isBlank() && !consumes.asText().equals(ANY)) {
        fallback.add(consumes.asText());
      }
    }
    if (fallback.isEmpty()) {
      fallback.add(JSON);
    }
    if (openApi.getPaths() != null) {
      for (PathItem item : openApi.getPaths().values()) {
        for (Operation operation : item == null ? List.<Operation>of() : item.readOperations()) {
          name(operation.getRequestBody(), fallback);
        }
      }
    }
    if (openApi.getComponents() != null && openApi.getComponents().getRequestBodies() != null) {
      openApi.getComponents().getRequestBodies().values().forEach(body -> name(body, fallback));
    }
  }

  private static void name(RequestBody body, List<String> mediaTypes) {
    Content content = body == null ? null : body.getContent();
    if (content == null || content.size() != 1 || !content.containsKey(ANY)) {
      return;
    }
    MediaType media = content.remove(ANY);
    for (String mediaType : mediaTypes) {
      content.addMediaType(mediaType, media);
    }
  }
}
