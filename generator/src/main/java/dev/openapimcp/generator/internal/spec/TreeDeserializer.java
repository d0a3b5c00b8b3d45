package dev.openapimcp.generator.internal.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.swagger.v3.parser.util.OpenAPIDeserializer;

/**
 * swagger-parser's model of an OpenAPI 3.0 document tree, as {@link OpenAPIV3Parser#parseJsonNode} builds
 * it, without the copy of the whole document as maps its deserializer makes first. That copy (a fresh
 * {@code ObjectMapper}'s {@code convertValue} of the root into a {@code Map}) is read only by
 * {@code JsonSchemaParserExtension}s, of which none is installed; for GitHub's 13 MB description it took
 * 377 ms in a cold JVM under the launcher's flags, 162 ms warm, and 40 MB of a first {@code serve}'s
 * 644 MB of allocation (JFR). With an extension on the class path, swagger-parser's own way is taken.
 * {@code TreeDeserializerTest} holds the two to the same model and messages.
 */
final class TreeDeserializer {

  private TreeDeserializer() {}

  /** The model of {@code document}, whose references would resolve against {@code location}. */
  static SwaggerParseResult deserialize(ObjectNode document, String location, ParseOptions options) {
    if (!OpenAPIDeserializer.getJsonSchemaParserExtensions().isEmpty()) {
      return new OpenAPIV3Parser().parseJsonNode(location, document, options);
    }
    // What OpenAPIDeserializer.deserialize(JsonNode, String, ParseOptions, boolean) does after the copy.
    OpenAPIDeserializer.ParseResult parse = new OpenAPIDeserializer.ParseResult();
    parse.setOaiAuthor(options.isOaiAuthor());
    parse.setInferSchemaType(options.isInferSchemaType());
    parse.setAllowEmptyStrings(options.isAllowEmptyString());
    parse.setValidateInternalRefs(options.isValidateInternalRefs());
    parse.setExplicitStyleAndExplode(options.isExplicitStyleAndExplode());
    OpenAPI api = new OpenAPIDeserializer().parseRoot(document, parse, location);
    SwaggerParseResult result = new SwaggerParseResult().openapi31(parse.isOpenapi31());
    result.setOpenAPI(api);
    result.setMessages(parse.getMessages());
    return result;
  }
}
