package dev.openapimcp.generator.internal.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openapimcp.testing.LargeSpec;
import dev.openapimcp.testing.RepoFiles;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link TreeDeserializer} against swagger-parser's own {@code parseJsonNode}: the same model (as
 * swagger-core writes it) and the same messages, for valid documents and for ones swagger-parser has
 * things to say about. A swagger-parser that changes what its deserializer does besides its copy of the
 * document fails here.
 */
class TreeDeserializerTest {

  private static final String LOCATION = "file:///tmp/openapi-mcp-spec.json";

  static Stream<Arguments> documents() throws Exception {
    return Stream.of(
        Arguments.of("PetStore", Yaml.mapper().readTree(Files.readString(RepoFiles.root().resolve("specs/petstore.yaml")))),
        Arguments.of("Notion (3.1)", Json.mapper().readTree(Files.readString(RepoFiles.notionSpec()))),
        Arguments.of("200 generated operations", Json.mapper().readTree(LargeSpec.openApi("Large", 200, 300))),
        Arguments.of("problems", Json.mapper().readTree("""
            {"openapi": "3.0.3", "info": {"title": 7, "description": ""}, "unknown": true, "x-kept": {"a": [1, 2]},
             "x-oai-reserved": 1, "x-oas-internal": {"b": 2},
             "paths": {
               "/items/{id}": {
                 "get": {"operationId": "get", "parameters": [
                     {"name": "id", "in": "path", "schema": {"type": "string", "nullable": true}},
                     {"name": "q", "in": "nowhere"}],
                   "responses": {"200": {"description": "ok", "content": {"application/json": {
                     "schema": {"$ref": "#/components/schemas/Missing"}}}}}},
                 "post": {"requestBody": {"content": {"application/json": {"schema": {
                     "type": "object", "properties": {"n": {"type": "integer", "minimum": "low"}},
                     "discriminator": {"propertyName": "kind"}, "oneOf": [{"$ref": "#/components/schemas/A"}]}}}},
                   "responses": {"default": {"description": "err"}}}},
               "no-slash": {"get": {"responses": {}}}},
             "components": {"schemas": {"A": {"type": "object", "additionalProperties": false,
                 "properties": {"kind": {"type": "string", "enum": ["a", null]}}},
               "B": {"allOf": [{"$ref": "#/components/schemas/A"}], "exclusiveMinimum": true},
               "C": {"$ref": "#/components/schemas/Nope"},
               "Inferred": {"properties": {"a": {"minimum": 1}, "b": {"items": {"pattern": ""}}}, "default": "",
                 "description": "", "x-oai-id": 3}},
               "securitySchemes": {"k": {"type": "apiKey", "in": "header"}}}}
            """)),
        Arguments.of("3.1 with reserved extension names", Json.mapper().readTree("""
            {"openapi": "3.1.0", "info": {"title": "t", "version": "1", "x-oai-a": 1}, "x-oas-b": 2,
             "paths": {"/a": {"get": {"x-oai-c": true, "responses": {"200": {"description": "ok"}}}}},
             "webhooks": {"w": {"post": {"responses": {"200": {"description": "ok", "x-oas-d": 1}}}}},
             "components": {"schemas": {"S": {"type": "object", "x-oai-e": 1}}}}
            """)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void buildsTheModelSwaggerParserBuilds(String name, ObjectNode document) throws Exception {
    ParseOptions options = new ParseOptions();
    options.setResolve(false);
    sameAsSwaggerParser(document, options);
  }

  /** Every option the deserializer reads, set the other way round from its default. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void readsTheOptionsSwaggerParserReads(String name, ObjectNode document) throws Exception {
    ParseOptions options = new ParseOptions();
    options.setResolve(false);
    options.setOaiAuthor(!options.isOaiAuthor());
    options.setInferSchemaType(!options.isInferSchemaType());
    options.setAllowEmptyString(!options.isAllowEmptyString());
    options.setValidateInternalRefs(!options.isValidateInternalRefs());
    options.setExplicitStyleAndExplode(!options.isExplicitStyleAndExplode());
    sameAsSwaggerParser(document, options);
  }

  private static void sameAsSwaggerParser(ObjectNode document, ParseOptions options) throws Exception {
    SwaggerParseResult theirs = new OpenAPIV3Parser().parseJsonNode(LOCATION, document.deepCopy(), options);
    SwaggerParseResult ours = TreeDeserializer.deserialize(document.deepCopy(), LOCATION, options);

    assertThat(ours.getOpenAPI()).isNotNull();
    assertThat(Json.mapper().writeValueAsString(ours.getOpenAPI()))
        .isEqualTo(Json.mapper().writeValueAsString(theirs.getOpenAPI()));
    assertThat(ours.getMessages()).isEqualTo(theirs.getMessages());
    assertThat(ours.isOpenapi31()).isEqualTo(theirs.isOpenapi31());
  }
}
