package dev.openapimcp.runtime.internal.call;

import dev.openapimcp.model.Argument;
import dev.openapimcp.model.ArgumentLocation;
import dev.openapimcp.model.HttpBinding;
import dev.openapimcp.model.ToolDefinition;
import dev.openapimcp.runtime.settings.ServerSettings.Validation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a call's decoded arguments must satisfy before anything is sent, and where arguments the
 * input schema does not declare go, by {@link Validation}. The API is the authority: a spec is a
 * description that may lag it (Notion's accepted 17 of 18 everyday writes its spec refused), so
 * only {@link Validation#STRICT} refuses what the schema does not describe.
 *
 * <ul>
 *   <li>strict: arguments the schema does not declare, then the full input schema;
 *   <li>lenient: missing required arguments, and path, query, header and cookie values whose JSON
 *       type the schema rules out (they are serialised by their type, and no API takes a word for
 *       a number); body values are the API's to judge;
 *   <li>off: nothing here (building the request still needs every path parameter).
 * </ul>
 *
 * <p>Malformed JSON text where the schema wants an object or array is refused in every mode, by
 * {@link ArgumentDecoder}: the value cannot be built. With lenient and off, arguments the schema does
 * not declare go into the JSON body when the body is an object ({@link #route}).
 */
final class ArgumentPolicy {

  private static final Set<ArgumentLocation> PARAMETERS =
      Set.of(ArgumentLocation.PATH, ArgumentLocation.QUERY, ArgumentLocation.HEADER, ArgumentLocation.COOKIE);

  private final ToolDefinition tool;
  private final Map<String, Object> schema;
  private final ArgumentValidator validator;
  private final Validation mode;
  /** The schema's top-level property names, worked out on the first call (the schema is read lazily). */
  private volatile Set<String> declared;

  ArgumentPolicy(ToolDefinition tool, ArgumentValidator validator, Validation mode) {
    this.tool = tool;
    this.schema = validator.schema();
    this.validator = validator;
    this.mode = mode;
  }

  private Set<String> declared() {
    Set<String> names = declared;
    if (names == null) {
      names = schema.get("properties") instanceof Map<?, ?> properties
          ? properties.keySet().stream().map(String::valueOf).collect(java.util.stream.Collectors.toUnmodifiableSet())
          : Set.of();
      declared = names;
    }
    return names;
  }

  /** A message naming each field that is certainly wrong under this mode, or empty. */
  Optional<String> check(Map<String, Object> arguments) {
    return switch (mode) {
      case OFF -> Optional.empty();
      case LENIENT -> lenient(arguments);
      case STRICT -> {
        List<String> undeclared = undeclared(arguments);
        yield undeclared.isEmpty() ? validator.check(arguments) : Optional.of(invalid(undeclared.stream()
            .map(name -> name + ": not an argument of this tool (--validation strict refuses undeclared arguments;"
                + " the tool takes " + String.join(", ", declared().stream().sorted().toList()) + ")")
            .toList()));
      }
    };
  }

  private Optional<String> lenient(Map<String, Object> arguments) {
    List<String> errors = new ArrayList<>();
    if (schema.get("required") instanceof List<?> required) {
      for (Object name : required) {
        if (!arguments.containsKey(String.valueOf(name))) {
          errors.add(name + ": required, but missing");
        }
      }
    }
    for (Argument argument : tool.http().arguments()) {
      Object value = arguments.get(argument.property());
      if (value == null || !PARAMETERS.contains(argument.location())) {
        continue;
      }
      Set<String> types = JsonTypes.allowed(schema, propertySchema(argument.property()));
      if (!types.isEmpty() && !JsonTypes.matches(value, types)) {
        errors.add(argument.property() + ": expected " + String.join(" or ", types) + ", got "
            + JsonTypes.of(value));
      }
    }
    return errors.isEmpty() ? Optional.empty() : Optional.of(invalid(errors));
  }

  private String invalid(List<String> errors) {
    return "Invalid arguments for " + tool.name() + ": " + String.join("; ", errors) + ".";
  }

  private Object propertySchema(String name) {
    return schema.get("properties") instanceof Map<?, ?> properties ? properties.get(name) : null;
  }

  /** The top-level arguments the schema does not declare, in the order given. */
  private List<String> undeclared(Map<String, Object> arguments) {
    return arguments.keySet().stream().filter(name -> !declared().contains(name)).toList();
  }

  /** A call's binding and arguments, as the request builder takes them. */
  record Routed(HttpBinding binding, Map<String, Object> arguments, List<String> dropped) {}

  /**
   * Where undeclared top-level arguments go. Strict has refused them already. Lenient and off put
   * them into the JSON body as given when the body is an object: beside the body's own properties
   * when its properties are arguments, or into the object of the one argument that holds the whole
   * body. A property the body already has keeps its value. A tool without such a body cannot send
   * them: they are {@code dropped}.
   */
  Routed route(Map<String, Object> arguments) {
    List<String> undeclared = undeclared(arguments);
    HttpBinding binding = tool.http();
    if (undeclared.isEmpty() || mode == Validation.STRICT) {
      return new Routed(binding, arguments, List.of());
    }
    List<Argument> bound = binding.arguments();
    Set<String> bodyNames = new LinkedHashSet<>();
    Argument wholeBody = null;
    for (Argument argument : bound) {
      if (argument.location() == ArgumentLocation.BODY_PROPERTY) {
        bodyNames.add(argument.wireName());
      } else if (argument.location() == ArgumentLocation.BODY) {
        wholeBody = argument;
      }
    }
    if (!bodyNames.isEmpty()) {
      List<Argument> extended = new ArrayList<>(bound);
      for (String name : undeclared) {
        if (!bodyNames.contains(name)) {
          extended.add(Argument.bodyProperty(name));
        }
      }
      return new Routed(new HttpBinding(binding.method(), binding.pathTemplate(), extended, binding.mediaType(),
          binding.fixedHeaders(), binding.security()), arguments, List.of());
    }
    if (wholeBody != null && binding.mediaType() != null && isObjectBody(wholeBody, arguments)) {
      Map<String, Object> body = new LinkedHashMap<>();
      if (arguments.get(wholeBody.property()) instanceof Map<?, ?> given) {
        given.forEach((key, value) -> body.put(String.valueOf(key), value));
      }
      Map<String, Object> routed = new LinkedHashMap<>();
      for (Map.Entry<String, Object> argument : arguments.entrySet()) {
        if (declared().contains(argument.getKey())) {
          routed.put(argument.getKey(), argument.getValue());
        } else {
          body.putIfAbsent(argument.getKey(), argument.getValue());
        }
      }
      routed.put(wholeBody.property(), body);
      return new Routed(binding, routed, List.of());
    }
    return new Routed(binding, arguments, undeclared);
  }

  /** Whether the body argument holds an object, or is absent and its schema says it is one. */
  private boolean isObjectBody(Argument body, Map<String, Object> arguments) {
    Object value = arguments.get(body.property());
    if (value != null) {
      return value instanceof Map<?, ?>;
    }
    return !arguments.containsKey(body.property())
        && JsonTypes.allowed(schema, propertySchema(body.property())).equals(Set.of("object"));
  }
}
