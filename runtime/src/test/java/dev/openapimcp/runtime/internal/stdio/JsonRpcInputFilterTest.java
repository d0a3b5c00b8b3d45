package dev.openapimcp.runtime.internal.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.testing.JsonRpcLines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRpcInputFilterTest {

  private static final String TOOLS_LIST = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";

  private final ByteArrayOutputStream answers = new ByteArrayOutputStream();

  /** What the SDK would read through the filter. */
  private String passed(String input, int maxLineBytes) throws IOException {
    InputStream filter = new JsonRpcInputFilter(
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), answers, maxLineBytes);
    return new String(filter.readAllBytes(), StandardCharsets.UTF_8);
  }

  private String passed(String input) throws IOException {
    return passed(input, JsonRpcInputFilter.DEFAULT_MAX_LINE_BYTES);
  }

  private List<Map<String, Object>> answers() {
    List<Map<String, Object>> parsed = new ArrayList<>();
    for (String line : answers.toString(StandardCharsets.UTF_8).split("\n", -1)) {
      if (!line.isEmpty()) {
        parsed.add(JsonRpcLines.parse(line));
      }
    }
    return parsed;
  }

  private static Map<String, Object> error(Object id, int code, String message) {
    Map<String, Object> answer = new HashMap<>();
    answer.put("jsonrpc", "2.0");
    answer.put("id", id);
    answer.put("error", Map.of("code", code, "message", message));
    return answer;
  }

  @Test
  void jsonRpcMessagesPassUnchanged() throws IOException {
    String input = TOOLS_LIST + "\n"
        + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\r\n"
        + "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":{}}\n"
        + "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"no/such/method\",\"params\":{}}";

    assertThat(passed(input)).isEqualTo(TOOLS_LIST + "\n"
        + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
        + "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":{}}\n"
        + "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"no/such/method\",\"params\":{}}\n");
    assertThat(answers()).isEmpty();
  }

  @Test
  void textThatIsNotJsonGetsAParseErrorAndReadingGoesOn() throws IOException {
    assertThat(passed("this is not json\n{\"jsonrpc\":\n" + TOOLS_LIST + "\n")).isEqualTo(TOOLS_LIST + "\n");

    assertThat(answers()).containsExactly(
        error(null, -32700, "Parse error: the line is not valid JSON."),
        error(null, -32700, "Parse error: the line is not valid JSON."));
  }

  @Test
  void wrongShapesGetInvalidRequestWithTheIdWhenThereIsOne() throws IOException {
    String input = String.join("\n",
        "[" + TOOLS_LIST + "]",
        "42",
        "{\"id\":2,\"method\":\"tools/list\"}",
        "{\"jsonrpc\":\"1.0\",\"id\":3,\"method\":\"tools/list\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":{\"x\":1},\"method\":\"tools/list\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":7}",
        "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":\"x\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":6}",
        "{\"jsonrpc\":\"2.0\",\"result\":{}}",
        TOOLS_LIST,
        "");

    assertThat(passed(input)).isEqualTo(TOOLS_LIST + "\n");
    assertThat(answers()).containsExactly(
        error(null, -32600, "Invalid Request: batches (JSON arrays) are not supported; send one message per line."),
        error(null, -32600, "Invalid Request: a JSON-RPC message is a JSON object."),
        error(2, -32600, "Invalid Request: \"jsonrpc\" must be \"2.0\"."),
        error(3, -32600, "Invalid Request: \"jsonrpc\" must be \"2.0\"."),
        error(null, -32600, "Invalid Request: \"id\" must be a string or an integer."),
        error(4, -32600, "Invalid Request: \"method\" must be a string."),
        error(5, -32600, "Invalid Request: \"params\" must be an object."),
        error(6, -32600,
            "Invalid Request: a message needs a \"method\", or a \"result\" or \"error\" when it answers a request."),
        error(null, -32600, "Invalid Request: an answer needs the \"id\" of the request it answers."));
  }

  @Test
  void blankLinesAreSkippedSilently() throws IOException {
    assertThat(passed("\n   \n\r\n" + TOOLS_LIST)).isEqualTo(TOOLS_LIST + "\n");
    assertThat(answers()).isEmpty();
  }

  @Test
  void aCarriageReturnInsideALineIsWhitespaceNotAnEndOfLine() throws IOException {
    // The SDK's reader would split this line in two at the bare CR and stop at the first half.
    assertThat(passed("{\"jsonrpc\":\"2.0\",\r\"id\":1,\"method\":\"ping\"}\n"))
        .isEqualTo("{\"jsonrpc\":\"2.0\", \"id\":1,\"method\":\"ping\"}\n");
  }

  @Test
  void linesOverTheLimitAreAnsweredWithoutBeingKept() throws IOException {
    String huge = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":{\"a\":\"" + "y".repeat(500) + "\"}}";

    assertThat(passed(huge + "\n" + TOOLS_LIST + "\n", 200)).isEqualTo(TOOLS_LIST + "\n");
    assertThat(answers()).containsExactly(
        error(null, -32600, "Invalid Request: the message is longer than 200 bytes."));
  }

  @Test
  void aLargeValidLinePassesWhole() throws IOException {
    String large = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"x\",\"arguments\":"
        + "{\"text\":\"" + "é".repeat(600_000) + "\"}}}";

    assertThat(passed(large + "\n")).isEqualTo(large + "\n");
    assertThat(answers()).isEmpty();
  }

  @Test
  void theLastLineNeedsNoNewline() throws IOException {
    assertThat(passed("garbage")).isEmpty();
    assertThat(answers()).hasSize(1);
  }

  @Test
  void aLineWithTwoMessagesRunsNeitherAndAnswersEachIdWithAnError() throws IOException {
    String ping = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}";
    String notification = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

    assertThat(passed(ping + TOOLS_LIST + "\n" + notification + notification + "\n" + TOOLS_LIST + "\n"))
        .isEqualTo(TOOLS_LIST + "\n");

    String oneMessagePerLine = "Invalid Request: the line holds 2 JSON values, but MCP's stdio transport carries"
        + " exactly one message per line; nothing on the line was processed.";
    assertThat(answers()).containsExactly(
        error(7, -32600, oneMessagePerLine),
        error(1, -32600, oneMessagePerLine),
        error(null, -32700,
            "Parse error: the line holds 2 JSON values; MCP's stdio transport carries exactly one JSON-RPC message"
                + " per line."));
  }

  @Test
  void textAfterTheMessageIsNotIgnored() throws IOException {
    assertThat(passed(TOOLS_LIST + " trailing\n" + TOOLS_LIST + "}\n")).isEmpty();

    String textFollows = "Invalid Request: text follows the JSON value on the line, but MCP's stdio transport carries"
        + " exactly one message per line; nothing on the line was processed.";
    assertThat(answers()).containsExactly(error(1, -32600, textFollows), error(1, -32600, textFollows));
  }

  @Test
  void nextLineHandsOutTheSdksReadingOfEachAcceptedLine() throws IOException {
    JsonRpcInputFilter filter = new JsonRpcInputFilter(
        new ByteArrayInputStream(("garbage\n" + TOOLS_LIST + "\r\n").getBytes(StandardCharsets.UTF_8)), answers);

    JsonRpcInputFilter.Line line = filter.nextLine();

    assertThat(line.text()).isEqualTo(TOOLS_LIST);
    assertThat(line.message()).isInstanceOfSatisfying(io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest.class,
        request -> assertThat(request.method()).isEqualTo("tools/list"));
    assertThat(filter.nextLine()).isNull();
    assertThat(answers()).hasSize(1);
  }
}
