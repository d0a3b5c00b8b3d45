package dev.openapimcp.generator.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openapimcp.generator.OperationFilter;
import dev.openapimcp.generator.internal.spec.LoadedSpec;
import dev.openapimcp.generator.internal.spec.SpecLoader;
import dev.openapimcp.model.HttpBinding;
import dev.openapimcp.model.SharedDefinitions;
import dev.openapimcp.model.ToolDefinition;
import dev.openapimcp.model.ToolHints;
import dev.openapimcp.testing.SpecFixtures;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.servers.Server;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The converter's parts, each on its own: what a change to one of them must keep. */
class ConverterSeamsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void operationSelectionKeepsDocumentOrderAndLeavesOutWhatIsExcluded() throws Exception {
    LoadedSpec spec = SpecLoader.load(SpecFixtures.write(dir, "s.yaml", """
        openapi: 3.0.3
        info: {title: S, version: '1'}
        paths:
          /b:
            post: {operationId: postB, responses: {'200': {description: OK}}}
            get: {operationId: getB, x-mcp: {name: fetchB}, responses: {'200': {description: OK}}}
            delete: {operationId: deleteB, x-mcp: false, responses: {'200': {description: OK}}}
          /a:
            get: {operationId: old, deprecated: true, responses: {'200': {description: OK}}}
        """), false);
    McpExtension extension = new McpExtension(new ObjectMapper());
    List<OperationRef> selected = OperationSelection.select(spec, OperationFilter.ALL, extension);
    assertThat(selected).extracting(op -> op.method() + " " + op.path()).containsExactly("POST /b", "GET /b");
    assertThat(selected.get(1).extension().path("name").asText()).isEqualTo("fetchB");
    assertThat(selected.get(1).pointer()).isEqualTo("#/paths/~1b/get");
    assertThat(OperationSelection.select(spec, new OperationFilter(List.of(), List.of(), true), extension))
        .extracting(OperationRef::path).containsExactly("/b", "/b", "/a");
  }

  @Test
  void toolTextJoinsSummaryDetailsAndErrorsThatSaySomething() {
    Operation operation = new Operation().operationId("listOpenOrders").description("Only open ones.")
        .responses(new ApiResponses()
            .addApiResponse("200", new ApiResponse().description("The orders"))
            .addApiResponse("404", new ApiResponse().description("Not Found"))
            .addApiResponse("429", new ApiResponse().description("Slow down: 10 calls per minute")));
    assertThat(ToolText.title(operation)).isEqualTo("List open orders");
    assertThat(ToolText.description(operation)).isEqualTo("Only open ones.\n\nErrors: 429 Slow down: 10 calls per minute");
    operation.summary("List orders");
    assertThat(ToolText.title(operation)).isEqualTo("List orders");
    assertThat(ToolText.description(operation)).startsWith("List orders. Only open ones.");
    assertThat(ToolText.humanize("get_user-by.id")).isEqualTo("Get user by id");
  }

  @Test
  void hintPolicyFollowsTheMethodUnlessTheExtensionSaysOtherwise() throws Exception {
    ObjectNode none = JSON.createObjectNode();
    assertThat(HintPolicy.hints("HEAD", none)).isEqualTo(ToolHints.readOnly());
    assertThat(HintPolicy.hints("PUT", none)).isEqualTo(ToolHints.idempotentWrite());
    assertThat(HintPolicy.hints("PATCH", none)).isEqualTo(ToolHints.writes());
    ObjectNode search = (ObjectNode) JSON.readTree("{\"readOnlyHint\": true, \"openWorldHint\": false}");
    assertThat(HintPolicy.hints("POST", search)).isEqualTo(new ToolHints(true, null, null, false));
    ObjectNode soft = (ObjectNode) JSON.readTree("{\"destructiveHint\": false}");
    assertThat(HintPolicy.hints("DELETE", soft).destructiveHint()).isFalse();
  }

  @Test
  void apiNamingDerivesNamesAndTheAddress() throws Exception {
    OpenAPI openApi = new OpenAPI().info(new Info().title("The Pet-Store REST API"))
        .servers(List.of(new Server().url("/v2")));
    assertThat(ApiNaming.apiName(null, openApi)).isEqualTo("PetStore");
    assertThat(ApiNaming.apiName(" Shop ", openApi)).isEqualTo("Shop");
    assertThat(ApiNaming.apiName(null, new OpenAPI().info(new Info().title("42")))).isEqualTo("Api42");
    assertThat(ApiNaming.tokenVariable("PetStore")).isEqualTo("PET_STORE_TOKEN");
    assertThat(ApiNaming.baseUrl(openApi, Map.of(), "https://specs.example/pets/openapi.json"))
        .isEqualTo("https://specs.example/v2");
    assertThat(ApiNaming.baseUrl(openApi, Map.of(), "openapi.json")).isEqualTo("/v2");
  }

  @Test
  void commonHeadersGoToTheOperationsThatLackThem() {
    List<PendingTool> tools = List.of(pending("a", Map.of("Api-Version", "2")),
        pending("b", Map.of("api-version", "2")), pending("c", Map.of("API-VERSION", "1")), pending("d", Map.of()));
    CommonHeaders.apply(tools);
    assertThat(tools.get(3).build(NO_DEFINITIONS, true).http().fixedHeaders()).containsExactly(Map.entry("Api-Version", "2"));
    assertThat(tools.get(2).build(NO_DEFINITIONS, true).http().fixedHeaders()).containsExactly(Map.entry("API-VERSION", "1"));

    // Declared by half the operations or fewer: not a fact about the API.
    List<PendingTool> few = List.of(pending("a", Map.of("X-Beta", "on")), pending("b", Map.of()));
    CommonHeaders.apply(few);
    assertThat(few.get(1).build(NO_DEFINITIONS, true).http().fixedHeaders()).isEmpty();
  }

  @Test
  void toolInputRenamesClashesAndPutsDescriptionsFirst() throws Exception {
    ToolInput input = new ToolInput();
    input.add(input.freeName("id", "path"), JSON.readTree("{\"type\":\"string\"}"), true);
    String clash = input.freeName("id", "body");
    input.add(clash, JSON.readTree("{\"type\":\"integer\"}"), false);
    assertThat(clash).isEqualTo("body_id");
    assertThat(input.freeName("id", "body")).isEqualTo("body_id_2");
    assertThat(JSON.writeValueAsString(ToolInput.withDescription(JSON.readTree(
        "{\"type\":\"string\",\"description\":\"old\"}"), " The id "))).isEqualTo(
        "{\"description\":\"The id\",\"type\":\"string\"}");
    assertThat(input.schema(new ComponentSchemas(name -> null, new SchemaNormalizer(false)))).isEqualTo(new SchemaParts(
        "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},\"body_id\":{\"type\":\"integer\"}},"
            + "\"required\":[\"id\"]}", List.of()));
  }

  private static final SharedDefinitions NO_DEFINITIONS = new SharedDefinitions(0);

  private static PendingTool pending(String name, Map<String, String> headers) {
    OperationRef op = new OperationRef("/" + name, "GET", null, new Operation(), JSON.createObjectNode());
    return new PendingTool(op, name, ToolDefinition.builder(name), HttpBinding.of("GET", "/" + name), headers,
        new SchemaParts("{\"type\":\"object\"}", List.of()), null, 0);
  }
}
