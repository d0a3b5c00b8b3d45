package dev.openapimcp.runtime.internal.call;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks decoded arguments against the tool's input schema with the SDK's validator. Runs after
 * {@link ArgumentDecoder}, which is why the SDK's own check (before any decoding) is switched off.
 *
 * <p>The SDK reports {@code Validation failed: JSON schema validation errors: [/filter/property:
 * integer found, string expected, ...]}; this class rewrites each entry to {@code filter.property:
 * integer found, string expected} so the model sees the field and the rule.
 */
public final class ArgumentValidator {

  private static final String SDK_PREFIX = "Validation failed: JSON schema validation errors: [";

  /** Splits the SDK's list at ", " that starts the next {@code /pointer: } (or root {@code : }) entry. */
  private static final Pattern ENTRY_START = Pattern.compile(", (?=(?:/[^:\\s]*)?: )");

  private static final Pattern ENTRY = Pattern.compile("^(/[^:\\s]*)?: (.*)$", Pattern.DOTALL);

  private final String toolName;
  private final Map<String, Object> schema;
  private final JsonSchemaValidator validator;
  /** {@link #schema} as the validator gets it. */
  private final KeyedSchema keyed;

  public ArgumentValidator(String toolName, Map<String, Object> inputSchema, JsonSchemaValidator validator) {
    this.toolName = toolName;
    this.schema = inputSchema;
    this.validator = validator;
    this.keyed = new KeyedSchema(inputSchema);
  }

  /** The validator the schema is checked with. */
  JsonSchemaValidator validator() {
    return validator;
  }

  /** The input schema the arguments are checked against. */
  Map<String, Object> schema() {
    return schema;
  }

  /** Empty when {@code arguments} satisfy the schema, else a message naming each field and rule. */
  public Optional<String> check(Map<String, Object> arguments) {
    JsonSchemaValidator.ValidationResponse response = validator.validate(keyed.get(), arguments);
    if (response.valid()) {
      return Optional.empty();
    }
    return Optional.of("Invalid arguments for " + toolName + ": " + describe(response.errorMessage()));
  }

  /** The SDK's message with each error as {@code field: rule}, separated by semicolons. */
  static String describe(String sdkMessage) {
    if (sdkMessage == null) {
      return "the arguments do not match the input schema.";
    }
    if (!sdkMessage.startsWith(SDK_PREFIX) || !sdkMessage.endsWith("]")) {
      return sdkMessage;
    }
    String list = sdkMessage.substring(SDK_PREFIX.length(), sdkMessage.length() - 1);
    List<String> errors = new ArrayList<>();
    for (String entry : ENTRY_START.split(list)) {
      Matcher matcher = ENTRY.matcher(entry);
      if (matcher.matches()) {
        String field = fieldPath(matcher.group(1));
        errors.add(field.isEmpty() ? matcher.group(2) : field + ": " + matcher.group(2));
      } else {
        errors.add(entry);
      }
    }
    return String.join("; ", errors) + ".";
  }

  /** {@code /children/0/type} → {@code children[0].type}; the root is the empty string. */
  static String fieldPath(String pointer) {
    if (pointer == null || pointer.isEmpty()) {
      return "";
    }
    StringBuilder path = new StringBuilder();
    for (String token : pointer.substring(1).split("/", -1)) {
      String name = token.replace("~1", "/").replace("~0", "~");
      if (name.matches("\\d+") && path.length() > 0) {
        path.append('[').append(name).append(']');
      } else {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(name);
      }
    }
    return path.toString();
  }
}
