package dev.openapimcp.generator.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Whether a tool's input (or output) schema is one MCP clients take: a JSON object schema that passes the JSON
 * Schema 2020-12 meta-schema. The generator checks every tool when it builds them, so generated
 * servers need not check again each time they start.
 */
public final class SchemaCheck {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";

  /**
   * The 2020-12 meta-schema, checked with the validator the MCP SDK uses at run time (networknt),
   * so a schema passes here exactly when the SDK would take it.
   */
  private final Schema metaSchema =
      SchemaRegistry.withDefaultDialect(Dialects.getDraft202012()).getSchema(SchemaLocation.of(META_SCHEMA));

  /** Empty when {@code inputSchema} is fine, else what is wrong, as a phrase. */
  public Optional<String> problem(String inputSchema) {
    return problem(inputSchema, "input");
  }

  /** Empty when {@code schema}, a tool's {@code which} ("input", "output") schema, is fine. */
  public Optional<String> problem(String schema, String which) {
    JsonNode tree;
    try {
      tree = JSON.readTree(schema);
    } catch (IOException e) {
      return Optional.of(which + " schema is not JSON: " + e.getMessage());
    }
    if (!tree.path("type").asText().equals("object")) {
      return Optional.of(which + " schema is not of type object, as MCP requires");
    }
    List<Error> errors = metaSchema.validate(tree);
    if (!errors.isEmpty()) {
      return Optional.of(which + " schema is not valid JSON Schema 2020-12: " + errors);
    }
    return Optional.empty();
  }
}
