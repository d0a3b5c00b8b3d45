package dev.openapimcp.runtime.internal.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;

/**
 * The SDK's schema validator, created when the first call's arguments are checked rather than at
 * start: creating it loads the JSON Schema library and the 2020-12 meta-schema, a good part of a
 * short start-up. For the same reason the SDK's start-up check of every tool schema against the
 * meta-schema is skipped ({@link #validateSchema} accepts): the generator checked each schema when
 * it built the tools, so the check would find nothing on every start.
 */
public final class DeferredSchemaValidator implements JsonSchemaValidator {

  /** Initialized on first use, by the JVM's lazy class initialization. */
  private static final class Sdk {
    static final JsonSchemaValidator VALIDATOR = McpJsonDefaults.getSchemaValidator();
  }

  @Override
  public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
    return Sdk.VALIDATOR.validate(schema, structuredContent);
  }

  @Override
  public ValidationResponse validateSchema(Map<String, Object> schema) {
    return ValidationResponse.asValid(null);
  }
}
