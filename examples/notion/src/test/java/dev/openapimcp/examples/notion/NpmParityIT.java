package dev.openapimcp.examples.notion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openapimcp.examples.notion.testing.Headers;
import dev.openapimcp.examples.notion.testing.Json;
import dev.openapimcp.examples.notion.testing.McpSession;
import dev.openapimcp.examples.notion.testing.NpmNotionServer;
import dev.openapimcp.examples.notion.testing.ServerJar;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.RecordingUpstream.RecordedRequest;
import dev.openapimcp.examples.notion.testing.SpecFacts;
import dev.openapimcp.examples.notion.testing.ToolsListSize;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ours next to npm {@code @notionhq/notion-mcp-server} 2.5.2: the same tool calls against two loopback
 * recorders must produce the same HTTP requests, apart from the differences the project chose (see
 * the README's "Differences from the npm server"), which are asserted here one by one.
 */
final class NpmParityIT {

  private static final String TOKEN = "ntn_parity_0123456789abcdef";
  private static final String HEADERS = "{\"Authorization\": \"Bearer " + TOKEN + "\"}";
  /** The version many copied configurations pin; older than what the data-source tools need. */
  private static final String PINNED_VERSION = "2022-06-28";
  private static final String PINNED_HEADERS =
      "{\"Authorization\": \"Bearer " + TOKEN + "\", \"Notion-Version\": \"" + PINNED_VERSION + "\"}";
  private static final String PAGE_ID = "59833787-2cf9-4fdf-8782-e53db20768a5";
  private static final String NOT_FOUND =
      "{\"object\":\"error\",\"status\":404,\"code\":\"object_not_found\",\"message\":\"Could not find page\"}";

  private static final List<NotionCalls.Call> CALLS = NotionCalls.all();

  private static SpecFacts spec;
  private static List<String> npmCommand;
  private static Run npm;
  private static Run ours;

  /** What one server did with the shared calls. */
  private record Run(List<Tool> tools, List<List<RecordedRequest>> requests, List<CallToolResult> results,
      CallToolResult notFound, List<String> stderr) {}

  /** Which {@code Notion-Version} each server is expected to send for a tool. */
  private record Versions(Function<String, String> npm, Function<String, String> ours) {}

  @BeforeAll
  static void runBothServersWithTheSameCalls() throws InterruptedException {
    spec = SpecFacts.npm();
    npmCommand = NpmNotionServer.command();
    npm = run(npmCommand, HEADERS, null);
    ours = run(ServerJar.command(), HEADERS, null);
  }

  @Test
  void everyCallSendsTheSameRequestAsNpm() {
    // npm sends the operation's declared version and nothing when it declares none
    // (create-a-comment); ours falls back to the version the other operations share.
    Versions versions =
        new Versions(
            tool -> spec.declaredNotionVersion(tool).orElse(null),
            tool -> spec.declaredNotionVersion(tool).orElse(spec.commonNotionVersion()));

    assertSameRequests(npm, ours, versions);
    assertThat(String.join("\n", ours.stderr())).doesNotContain(TOKEN);
  }

  @Test
  void aPinnedNotionVersionOverridesEveryOperationInNpmButNotInOurs() throws InterruptedException {
    Run npmPinned = run(npmCommand, PINNED_HEADERS, null);
    Run oursPinned = run(ServerJar.command(), PINNED_HEADERS, line -> line.contains("Notion-Version"));
    Versions versions =
        new Versions(tool -> PINNED_VERSION, tool -> spec.declaredNotionVersion(tool).orElse(spec.commonNotionVersion()));

    assertSameRequests(npmPinned, oursPinned, versions);
    assertThat(oursPinned.stderr().stream().filter(line -> line.contains("Notion-Version")))
        .as("one warning about the pinned version; stderr: %s", oursPinned.stderr())
        .hasSize(1);
    assertThat(String.join("\n", oursPinned.stderr())).doesNotContain(TOKEN);
  }

  /**
   * Every argument npm's tools take, ours take too, and ours require no more. They require less
   * where npm's spec asks for more than Notion does: a page needs no properties (an untitled page),
   * and a reply in a discussion has discussion_id instead of a parent.
   */
  @Test
  void toolsTakeEveryArgumentNpmTakesAndRequireNoMore() {
    Map<String, Tool> theirs = byName(npm.tools());
    Map<String, Tool> mine = byName(ours.tools());
    assertThat(mine.keySet()).containsAll(theirs.keySet());
    Map<String, Set<String>> noLongerRequired = new TreeMap<>();
    SoftAssertions softly = new SoftAssertions();
    for (String name : theirs.keySet()) {
      JsonNode npmSchema = Json.tree(theirs.get(name).inputSchema());
      JsonNode ourSchema = Json.tree(mine.get(name).inputSchema());
      softly.assertThat(fieldNames(ourSchema.path("properties"))).as("%s properties", name)
          .containsAll(fieldNames(npmSchema.path("properties")));
      Set<String> required = textValues(ourSchema.path("required"));
      Set<String> npmRequired = textValues(npmSchema.path("required"));
      softly.assertThat(npmRequired).as("%s: npm requires all we require", name).containsAll(required);
      npmRequired.removeAll(required);
      if (!npmRequired.isEmpty()) {
        noLongerRequired.put(name, npmRequired);
      }
    }
    softly.assertThat(noLongerRequired).as("arguments npm requires and we do not")
        .isEqualTo(Map.of("API-create-a-comment", Set.of("parent"), "API-post-page", Set.of("properties")));
    softly.assertAll();
  }

  @Test
  void toolsListIsAtMostFourFifthsOfNpms() {
    Map<String, String> environment = Map.of("OPENAPI_MCP_HEADERS", HEADERS, "BASE_URL", "http://127.0.0.1:9");
    int theirs = ToolsListSize.bytes(npmCommand, environment);
    int mine = ToolsListSize.bytes(ServerJar.command(), environment);

    assertThat(mine).as("our tools/list bytes; npm's: %d", theirs).isLessThanOrEqualTo(theirs * 4 / 5);
  }

  @Test
  void httpErrorsAreErrorResultsInOursButPlainResultsInNpm() {
    assertThat(npm.notFound().isError()).as("npm isError").isNotEqualTo(Boolean.TRUE);
    assertThat(McpSession.text(npm.notFound())).contains("404", "object_not_found");
    assertThat(ours.notFound().isError()).as("our isError").isTrue();
    assertThat(McpSession.text(ours.notFound())).contains("404", "object_not_found", "Could not find page");
  }

  /**
   * Starts {@code command} against a fresh recorder, lists the tools, makes every shared call and a
   * call the API answers with 404. When {@code awaitStderr} is given, waits (bounded) for a stderr
   * line it matches before stopping the server, so a warning written late is not lost.
   */
  private static Run run(List<String> command, String headers, Predicate<String> awaitStderr)
      throws InterruptedException {
    try (RecordingUpstream api = RecordingUpstream.start();
        McpSession session =
            McpSession.start(command, Map.of("OPENAPI_MCP_HEADERS", headers, "BASE_URL", api.baseUrl()))) {
      List<Tool> tools = session.listTools();
      List<List<RecordedRequest>> requests = new ArrayList<>();
      List<CallToolResult> results = new ArrayList<>();
      for (NotionCalls.Call call : CALLS) {
        api.reset();
        results.add(session.call(call.tool(), call.arguments()));
        // The request has been answered before the tool call returns, so it is already recorded.
        requests.add(api.requests());
      }
      api.reset();
      api.respond(404, NOT_FOUND);
      CallToolResult notFound = session.call("API-retrieve-a-page", Map.of("page_id", PAGE_ID));
      List<String> stderr =
          awaitStderr == null ? session.stderr() : session.awaitStderr(awaitStderr, Duration.ofSeconds(3));
      return new Run(tools, requests, results, notFound, stderr);
    }
  }

  private static void assertSameRequests(Run npmRun, Run ourRun, Versions versions) {
    SoftAssertions softly = new SoftAssertions();
    int bracketedArrays = 0;
    for (int i = 0; i < CALLS.size(); i++) {
      String tool = CALLS.get(i).tool();
      softly.assertThat(npmRun.results().get(i).isError()).as("%s: npm isError", tool).isNotEqualTo(Boolean.TRUE);
      softly.assertThat(ourRun.results().get(i).isError()).as("%s: our isError; %s", tool, ourRun.results().get(i))
          .isNotEqualTo(Boolean.TRUE);
      List<RecordedRequest> theirs = npmRun.requests().get(i);
      List<RecordedRequest> mine = ourRun.requests().get(i);
      softly.assertThat(theirs).as("%s: npm requests", tool).hasSize(1);
      softly.assertThat(mine).as("%s: our requests", tool).hasSize(1);
      if (theirs.size() == 1 && mine.size() == 1) {
        bracketedArrays += compare(softly, tool, theirs.get(0), mine.get(0), versions);
      }
    }
    // The array rule below must have been exercised, or it proves nothing.
    softly.assertThat(bracketedArrays).as("array query parameters seen in npm's name[] form").isPositive();
    softly.assertAll();
  }

  /** Compares one request pair; returns how many npm query parameters used the {@code name[]} form. */
  private static int compare(
      SoftAssertions softly, String tool, RecordedRequest theirs, RecordedRequest mine, Versions versions) {
    softly.assertThat(mine.method()).as("%s: method", tool).isEqualTo(theirs.method());
    softly.assertThat(mine.path()).as("%s: raw path", tool).isEqualTo(theirs.path());
    softly.assertThat(Json.body(mine.bodyText())).as("%s: JSON body", tool).isEqualTo(Json.body(theirs.bodyText()));
    softly.assertThat(Headers.single(mine, "Authorization")).as("%s: Authorization", tool).isEqualTo("Bearer " + TOKEN);
    softly.assertThat(Headers.single(theirs, "Authorization")).as("%s: npm Authorization", tool)
        .isEqualTo("Bearer " + TOKEN);
    softly.assertThat(Headers.single(mine, "Content-Type")).as("%s: Content-Type", tool)
        .isEqualTo(Headers.single(theirs, "Content-Type"));
    softly.assertThat(Headers.single(theirs, "Notion-Version")).as("%s: npm Notion-Version", tool)
        .isEqualTo(versions.npm().apply(tool));
    softly.assertThat(Headers.single(mine, "Notion-Version")).as("%s: our Notion-Version", tool)
        .isEqualTo(versions.ours().apply(tool));

    // Array query parameters: npm sends name[]=a&name[]=b, ours OpenAPI's default form style name=a&name=b.
    Set<String> arrays = spec.arrayQueryParameters(tool);
    List<Map.Entry<String, String>> npmPairs = new ArrayList<>();
    int bracketed = 0;
    for (Map.Entry<String, String> pair : queryPairs(theirs.query())) {
      String name = pair.getKey();
      if (name.endsWith("[]") && arrays.contains(name.substring(0, name.length() - 2))) {
        name = name.substring(0, name.length() - 2);
        bracketed++;
      } else {
        softly.assertThat(arrays).as("%s: npm sent array parameter %s without []", tool, name).doesNotContain(name);
      }
      npmPairs.add(Map.entry(name, pair.getValue()));
    }
    List<Map.Entry<String, String>> ourPairs = queryPairs(mine.query());
    softly.assertThat(ourPairs).as("%s: query (npm's was %s, ours %s)", tool, theirs.query(), mine.query())
        .isEqualTo(npmPairs);
    return bracketed;
  }

  /** The query's name/value pairs, percent-decoded, in order. */
  private static List<Map.Entry<String, String>> queryPairs(String query) {
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    if (query == null || query.isEmpty()) {
      return pairs;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      pairs.add(
          Map.entry(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8)));
    }
    return pairs;
  }

  private static Map<String, Tool> byName(List<Tool> tools) {
    Map<String, Tool> byName = new LinkedHashMap<>();
    tools.forEach(tool -> byName.put(tool.name(), tool));
    return byName;
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Set<String> textValues(JsonNode array) {
    Set<String> values = new TreeSet<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }
}
