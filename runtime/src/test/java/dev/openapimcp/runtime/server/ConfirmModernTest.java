package dev.openapimcp.runtime.server;

import static dev.openapimcp.runtime.server.ModernLaneStdioTest.errorOf;
import static dev.openapimcp.runtime.server.ModernLaneStdioTest.modern;
import static dev.openapimcp.runtime.server.ModernLaneStdioTest.resultOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.runtime.testing.StdioPipes;
import dev.openapimcp.testing.JsonRpcLines;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.TestCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --confirm destructive} in MCP 2026-07-28, raw over stdio: the call is answered {@code
 * input_required} with the question, and runs only when the client retries with the user's yes and
 * the signed {@code requestState}.
 */
class ConfirmModernTest {

  private static final Map<String, Object> ELICITATION = Map.of("elicitation", Map.of());

  private RecordingUpstream api;
  private JsonRpcLines client;

  @BeforeEach
  void start() {
    api = RecordingUpstream.start();
    client = StdioPipes.start(McpProxyServer.builder(TestCatalog.catalog())
        .environment(Map.of("BASE_URL", api.baseUrl()))
        .settings(ServerSettings.builder().confirm(ServerSettings.Confirm.DESTRUCTIVE).build()));
  }

  @AfterEach
  void stop() {
    // The end of input ends the server.
    client.close();
    api.close();
  }

  private Map<String, Object> deleteItem(String id, Map<String, Object> capabilities, Map<String, Object> extra) {
    Map<String, Object> params = new LinkedHashMap<>(Map.of("name", "delete-item", "arguments", Map.of("item_id", id)));
    params.putAll(extra);
    return client.request("tools/call", modern(ModernLaneStdioTest.MODERN, capabilities, params));
  }

  /** The first round: the question, and no request to the API. */
  private Map<String, Object> ask(String id) {
    Map<String, Object> result = resultOf(deleteItem(id, ELICITATION, Map.of()));
    assertThat(result).containsEntry("resultType", "input_required").containsKey("requestState")
        .doesNotContainKeys("content", "ttlMs");
    assertThat(api.requests()).isEmpty();
    return result;
  }

  private static Map<String, Object> answer(String action, Map<String, Object> content, Object state) {
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("action", action);
    if (content != null) {
      response.put("content", content);
    }
    return Map.of("inputResponses", Map.of("confirm", response), "requestState", state);
  }

  @Test
  void theQuestionShowsToolMethodPathAndArgumentsAsAFormElicitation() {
    Map<String, Object> result = ask("7");

    Map<?, ?> request = (Map<?, ?>) ((Map<?, ?>) result.get("inputRequests")).get("confirm");
    assertThat(request.get("method")).isEqualTo("elicitation/create");
    Map<?, ?> params = (Map<?, ?>) request.get("params");
    assertThat(params.get("mode")).isEqualTo("form");
    assertThat((String) params.get("message"))
        .contains("delete-item", "DELETE /v1/items/{item_id}", "{\"item_id\":\"7\"}");
    assertThat(params.get("requestedSchema")).isEqualTo(Map.of("type", "object",
        "properties", Map.of("confirm", Map.of("type", "boolean", "title", "Send this request to the API?",
            "default", false)), "required", List.of("confirm")));
  }

  @Test
  void acceptedSendsExactlyOneRequestAndTheStateCannotBeUsedAgain() {
    Object state = ask("7").get("requestState");

    Map<String, Object> done = resultOf(deleteItem("7", ELICITATION,
        answer("accept", Map.of("confirm", true), state)));

    assertThat(done).containsEntry("resultType", "complete").containsEntry("isError", false);
    assertThat(api.onlyRequest().method()).isEqualTo("DELETE");
    assertThat(api.onlyRequest().path()).isEqualTo("/v1/items/7");

    Map<String, Object> replay = deleteItem("7", ELICITATION, answer("accept", Map.of("confirm", true), state));
    assertThat(errorOf(replay)).containsEntry("code", -32602);
    assertThat(api.requests()).hasSize(1);
  }

  @Test
  void declinedCancelledOrUntickedSendNothing() {
    for (Map<String, Object> response : List.of(
        answer("decline", null, ask("7").get("requestState")),
        answer("cancel", null, ask("7").get("requestState")),
        answer("accept", Map.of("confirm", false), ask("7").get("requestState")))) {
      Map<String, Object> result = resultOf(deleteItem("7", ELICITATION, response));

      assertThat(result).containsEntry("resultType", "complete").containsEntry("isError", true);
      assertThat(result.get("content").toString()).contains("Not confirmed", "nothing was sent");
    }
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void aTamperedOrForeignStateIsRefusedAndAnAnswerWithoutStateAsksAgain() {
    String state = (String) ask("7").get("requestState");
    String tampered = state.substring(0, state.length() - 2) + (state.endsWith("A") ? "BB" : "AA");

    assertThat(errorOf(deleteItem("7", ELICITATION, answer("accept", Map.of("confirm", true), tampered))))
        .containsEntry("code", -32602);
    // Issued for item 7, used for item 8: bound to the arguments.
    assertThat(errorOf(deleteItem("8", ELICITATION, answer("accept", Map.of("confirm", true), state))))
        .containsEntry("code", -32602);
    Map<String, Object> noState = resultOf(deleteItem("7", ELICITATION,
        Map.of("inputResponses", Map.of("confirm", Map.of("action", "accept", "content", Map.of("confirm", true))))));
    assertThat(noState).containsEntry("resultType", "input_required");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void aClientWithoutElicitationIsToldAboutTheFlagAndReadOnlyToolsAreNotAsked() {
    Map<String, Object> refused = resultOf(deleteItem("7", Map.of(), Map.of()));

    assertThat(refused).containsEntry("resultType", "complete").containsEntry("isError", true);
    assertThat(refused.get("content").toString()).contains("--confirm destructive", "elicitation");
    assertThat(api.requests()).isEmpty();

    api.respond(200, "{\"id\":\"7\"}");
    Map<String, Object> read = resultOf(client.request("tools/call",
        modern(Map.of("name", "get-item", "arguments", Map.of("item_id", "7")))));
    assertThat(read).containsEntry("resultType", "complete").containsEntry("isError", false);
    assertThat(api.onlyRequest().method()).isEqualTo("GET");
  }
}
