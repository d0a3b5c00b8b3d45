package dev.openapimcp.examples.notion;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.openapimcp.examples.notion.testing.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One realistic call per tool, shared by {@link NotionServerIT} (which checks the request our
 * server sends against {@link Call#request}) and {@link NpmParityIT} (which sends the same calls to
 * the npm server and to ours). The calls live in {@code src/test/resources/notion-calls.json}.
 */
final class NotionCalls {

  private static final String RESOURCE = "/notion-calls.json";

  /**
   * The request our server must send for a call.
   *
   * @param method HTTP method
   * @param path raw path as on the wire
   * @param query raw query as on the wire, {@code null} for none
   * @param body JSON body, {@code null} when no body is sent
   * @param notionVersion the {@code Notion-Version} header
   */
  record ExpectedRequest(String method, String path, String query, JsonNode body, String notionVersion) {}

  /** A tool call and the request it must cause. */
  record Call(String tool, Map<String, Object> arguments, ExpectedRequest request) {

    @Override
    public String toString() {
      return tool; // Names the parameterised test case.
    }
  }

  private NotionCalls() {}

  /** The calls, in the order of the file. */
  static List<Call> all() {
    try (InputStream in = NotionCalls.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the test classpath");
      }
      List<Call> calls = new ArrayList<>();
      for (JsonNode entry : Json.MAPPER.readTree(in)) {
        JsonNode request = entry.get("request");
        calls.add(
            new Call(
                entry.get("tool").asText(),
                Json.MAPPER.convertValue(entry.get("arguments"), new TypeReference<Map<String, Object>>() {}),
                new ExpectedRequest(
                    request.get("method").asText(),
                    request.get("path").asText(),
                    request.get("query").isNull() ? null : request.get("query").asText(),
                    request.get("body").isNull() ? null : request.get("body"),
                    request.get("notionVersion").asText())));
      }
      return calls;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
