package dev.openapimcp.runtime.internal.call;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a tool with an {@code outputSchema} promises: every success comes with {@code
 * structuredContent} that matches it. Clients hold servers to that: Python {@code mcp} 2.3.0 and
 * the TypeScript SDK refuse a success without structured content ("has an output schema but did not
 * return structured content") or with content that does not match, so the model would read an error
 * of the client's and never the API's answer. An answer that breaks the promise (cut at {@code
 * --max-text-bytes}, not JSON, not an object, or a shape the spec does not describe: the API is the
 * authority, the spec may lag it) therefore comes as an error result carrying the whole answer and
 * a line saying why ({@code OutputSchemaTest}).
 */
final class PromisedOutput {

  /** A tool without an output schema: any answer is kept as it is. */
  static final PromisedOutput NONE = new PromisedOutput(null, null);

  /** The output schema as the validator gets it; {@code null} for none. */
  private final KeyedSchema schema;
  private final JsonSchemaValidator validator;

  private PromisedOutput(KeyedSchema schema, JsonSchemaValidator validator) {
    this.schema = schema;
    this.validator = validator;
  }

  /** The promise of {@code outputSchema} ({@code null}: none), checked with {@code validator}. */
  static PromisedOutput of(Map<String, Object> outputSchema, JsonSchemaValidator validator) {
    return outputSchema == null ? NONE : new PromisedOutput(new KeyedSchema(outputSchema), validator);
  }

  /** {@code result} when it keeps the promise (or is an error anyway), else the same content as an error result. */
  CallToolResult kept(CallToolResult result) {
    if (schema == null || Boolean.TRUE.equals(result.isError())) {
      return result;
    }
    if (result.structuredContent() == null) {
      return broken(result, "is not the JSON object the tool's outputSchema promises");
    }
    JsonSchemaValidator.ValidationResponse check = validator.validate(schema.get(), result.structuredContent());
    if (check.valid()) {
      return result;
    }
    return broken(result, "does not match the tool's outputSchema ("
        + stripEnd(ArgumentValidator.describe(check.errorMessage())) + ")");
  }

  private static CallToolResult broken(CallToolResult result, String why) {
    List<McpSchema.Content> content = new ArrayList<>(result.content());
    content.add(McpSchema.TextContent.builder("[This answer " + why + ", so it is returned as an error result;"
        + " the API itself answered with success.]").build());
    return CallToolResult.builder().content(content).isError(true).meta(result.meta()).build();
  }

  private static String stripEnd(String sentence) {
    return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
  }
}
