package dev.openapimcp.generator.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.media.Schema;

/** swagger-parser's schema objects as JSON, written in the spec's OpenAPI version. */
final class SchemaJson {

  private final ObjectMapper mapper;

  SchemaJson(boolean openApi31) {
    this.mapper = openApi31 ? Json31.mapper() : Json.mapper();
  }

  ObjectMapper mapper() {
    return mapper;
  }

  /** {@code schema} as JSON, or {@code null} for none. */
  JsonNode of(Schema<?> schema) {
    return schema == null ? null : mapper.valueToTree(schema);
  }
}
