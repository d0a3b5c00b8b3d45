package dev.openapimcp.runtime.internal.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.runtime.internal.capacity.RateLimiter;
import dev.openapimcp.runtime.internal.config.BaseUrl;
import dev.openapimcp.runtime.internal.json.JsonText;
import dev.openapimcp.runtime.internal.request.RequestBuilder;
import dev.openapimcp.runtime.internal.result.ErrorHints;
import dev.openapimcp.runtime.internal.result.ResultMapper;
import dev.openapimcp.runtime.internal.retry.RetryPolicy;
import dev.openapimcp.runtime.internal.retry.TimeSource;
import dev.openapimcp.runtime.internal.upstream.UpstreamClient;
import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.runtime.testing.StructuredContent;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.RecordingUpstream.Response;
import dev.openapimcp.testing.ResettingUpstream;
import dev.openapimcp.testing.TestCatalog;
import dev.openapimcp.runtime.testing.VirtualTime;
import dev.openapimcp.model.ToolDefinition;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Calls against loopback APIs that fail: rate limits, unavailability, broken connections and slow
 * answers. A virtual clock stands in for waiting, so retries cost no real time; the recorder's
 * request count and the final message both say how many attempts were made.
 */
class FaultToleranceTest {

  private static final String TOO_MANY = "{\"object\":\"error\",\"status\":429,\"code\":\"rate_limited\"}";

  private final RecordingUpstream api = RecordingUpstream.start();
  private final VirtualTime time = new VirtualTime();

  @AfterEach
  void stop() {
    api.close();
  }

  private ToolCallHandler handler(ToolDefinition tool, String baseUrl, RetryPolicy retries, ServerSettings settings,
      RateLimiter limiter, TimeSource clock) {
    Map<String, Object> schema = JsonText.parse(tool.inputSchema()).map(FaultToleranceTest::object).orElseThrow();
    return new ToolCallHandler(
        tool,
        new ArgumentDecoder(schema),
        new ArgumentValidator(tool.name(), schema, McpJsonDefaults.getSchemaValidator()),
        new RequestBuilder(BaseUrl.fromEnvironment(Map.of("BASE_URL", baseUrl), "http://unused"), Map.of()),
        new UpstreamClient(null, settings, retries, limiter, clock),
        new ResultMapper(settings, ErrorHints.forCatalog(TestCatalog.catalog())));
  }

  /** Default limits and retries (4 attempts, 60 s), jitter fixed at its middle, virtual time. */
  private ToolCallHandler handler(ToolDefinition tool) {
    return handler(tool, api.baseUrl(), new RetryPolicy(4, Duration.ofSeconds(60), () -> 0.5),
        ServerSettings.defaults(), RateLimiter.unlimited(), time);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value) {
    return (Map<String, Object>) value;
  }

  private static String text(CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  private static CallToolResult getItem(ToolCallHandler handler) {
    return handler.call(Map.of("item_id", "i1"));
  }

  @Test
  void tooManyRequestsWaitsAsRetryAfterSaysThenSucceeds() {
    api.enqueue(Response.json(429, TOO_MANY).withHeader("Retry-After", "1"));
    api.enqueue(Response.json(429, TOO_MANY).withHeader("Retry-After", "2"));
    api.respond(200, "{\"id\":\"i1\"}");

    CallToolResult result = getItem(handler(TestCatalog.getItem()));

    assertThat(result.isError()).isFalse();
    assertThat(StructuredContent.asMap(result)).isEqualTo(Map.of("id", "i1"));
    assertThat(api.requests()).hasSize(3);
    assertThat(time.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void retryAfterAsAnHttpDateIsHonoured() {
    String inFiveSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        VirtualTime.START.plusSeconds(5).atOffset(ZoneOffset.UTC));
    api.enqueue(Response.json(503, "").withHeader("Retry-After", inFiveSeconds));
    api.respond(200, "{}");

    CallToolResult result = getItem(handler(TestCatalog.getItem()));

    assertThat(result.isError()).isFalse();
    assertThat(api.requests()).hasSize(2);
    assertThat(time.waits()).containsExactly(Duration.ofSeconds(5));
  }

  @Test
  void unavailableEveryTimeGivesUpAfterFourAttemptsWithBackoffAndSaysSo() {
    api.respond(Response.json(503, "{\"code\":\"service_unavailable\",\"message\":\"Try later.\"}"));

    CallToolResult result = getItem(handler(TestCatalog.getItem()));

    assertThat(result.isError()).isTrue();
    assertThat(text(result))
        .startsWith("HTTP 503 Service Unavailable (service_unavailable): Try later.\nGave up after 4 attempts.\n\n{");
    assertThat(api.requests()).hasSize(4);
    // Jitter fixed at 0.5: 3/4 of 0.5 s, 1 s and 2 s.
    assertThat(time.waits()).containsExactly(Duration.ofMillis(375), Duration.ofMillis(750), Duration.ofMillis(1500));
  }

  @Test
  void aFailureThatEndsTheRetriesSaysHowOftenTheCallWasTried() {
    api.enqueue(Response.json(503, ""));
    api.respond(Response.json(400, "{\"code\":\"validation_error\",\"message\":\"Bad id.\"}"));

    CallToolResult result = getItem(handler(TestCatalog.getItem()));

    assertThat(text(result)).startsWith("HTTP 400 Bad Request (validation_error): Bad id.\nTried 2 times.\n\n{");
    assertThat(api.requests()).hasSize(2);
  }

  @Test
  void badGatewayAndGatewayTimeoutAreRetriedForSafeCalls() {
    api.enqueue(Response.json(502, ""));
    api.enqueue(Response.json(504, ""));
    api.respond(204, "");

    CallToolResult result = handler(TestCatalog.deleteItem()).call(Map.of("item_id", "i1"));

    assertThat(result.isError()).isFalse();
    assertThat(text(result)).isEqualTo("HTTP 204 No Content");
    assertThat(api.requests()).extracting(RecordingUpstream.RecordedRequest::method)
        .containsExactly("DELETE", "DELETE", "DELETE");
  }

  @Test
  void postIsRetriedOnTooManyRequestsBecauseTheApiDidNotProcessIt() {
    api.enqueue(Response.json(429, TOO_MANY));
    api.respond(200, "{\"id\":\"new\"}");

    CallToolResult result = handler(TestCatalog.createItem()).call(Map.of("parent", Map.of("id", "p1")));

    assertThat(result.isError()).isFalse();
    assertThat(api.requests()).hasSize(2);
    assertThat(api.requests().get(1).bodyText()).isEqualTo(api.requests().get(0).bodyText());
    assertThat(time.waits()).containsExactly(Duration.ofMillis(375));
  }

  @Test
  void postIsNotRetriedOnServiceUnavailableAndTheResultSaysWhy() {
    api.respond(Response.json(503, "").withHeader("Retry-After", "1"));

    CallToolResult result = handler(TestCatalog.createItem()).call(Map.of("parent", Map.of("id", "p1")));

    assertThat(result.isError()).isTrue();
    assertThat(text(result)).isEqualTo("HTTP 503 Service Unavailable (empty body)\nRetry after 1 s.\n"
        + "Not retried automatically: a POST may already have taken effect, so check before calling again.");
    assertThat(api.requests()).hasSize(1);
    assertThat(time.waits()).isEmpty();
  }

  @Test
  void retryAfterBeyondTheDeadlineEndsTheRetriesAtOnce() {
    api.respond(Response.json(429, TOO_MANY).withHeader("Retry-After", "120"));

    CallToolResult result = getItem(handler(TestCatalog.getItem()));

    assertThat(result.isError()).isTrue();
    assertThat(text(result)).startsWith("HTTP 429 Too Many Requests (rate_limited)\nRetry after 120 s.\n"
        + "Gave up after 1 attempt: the API asked to wait 120 s, longer than the 60 s left of the 60 s this server"
        + " spends on retries.\n\n");
    assertThat(api.requests()).hasSize(1);
    assertThat(time.waits()).isEmpty();
  }

  @Test
  void theDeadlineBoundsBackoffToo() {
    api.respond(Response.json(503, ""));
    ToolCallHandler handler = handler(TestCatalog.getItem(), api.baseUrl(),
        new RetryPolicy(10, Duration.ofSeconds(2), () -> 0.5), ServerSettings.defaults(), RateLimiter.unlimited(),
        time);

    CallToolResult result = getItem(handler);

    // 0.375 s + 0.75 s waited; another 1.5 s would end past 2 s.
    assertThat(text(result)).contains(
        "\nGave up after 3 attempts: another attempt would pass the 2 s this server spends on retries.");
    assertThat(api.requests()).hasSize(3);
  }

  @Test
  void connectionsBrokenMidResponseAreRetriedForSafeCalls() {
    try (ResettingUpstream flaky = ResettingUpstream.start(2)) {
      ToolCallHandler handler = handler(TestCatalog.getItem(), flaky.baseUrl(),
          new RetryPolicy(4, Duration.ofSeconds(60), () -> 0.5), ServerSettings.defaults(), RateLimiter.unlimited(),
          time);

      CallToolResult result = getItem(handler);

      assertThat(result.isError()).isFalse();
      assertThat(text(result)).isEqualTo(ResettingUpstream.BODY);
      assertThat(flaky.connections()).isEqualTo(3);
    }
  }

  @Test
  void connectionsThatAlwaysBreakGiveUpAfterFourAttempts() {
    try (ResettingUpstream flaky = ResettingUpstream.start(Integer.MAX_VALUE)) {
      ToolCallHandler handler = handler(TestCatalog.getItem(), flaky.baseUrl(),
          new RetryPolicy(4, Duration.ofSeconds(60), () -> 0.5), ServerSettings.defaults(), RateLimiter.unlimited(),
          time);

      CallToolResult result = getItem(handler);

      assertThat(result.isError()).isTrue();
      assertThat(text(result))
          .startsWith("The request to 127.0.0.1:" + flaky.baseUrl().substring(flaky.baseUrl().lastIndexOf(':') + 1)
              + " failed before a response arrived: ")
          .endsWith("\nGave up after 4 attempts.");
      assertThat(flaky.connections()).isEqualTo(4);
    }
  }

  @Test
  void aBrokenConnectionOnPostIsNotRetried() {
    try (ResettingUpstream flaky = ResettingUpstream.start(Integer.MAX_VALUE)) {
      ToolCallHandler handler = handler(TestCatalog.createItem(), flaky.baseUrl(),
          new RetryPolicy(4, Duration.ofSeconds(60), () -> 0.5), ServerSettings.defaults(), RateLimiter.unlimited(),
          time);

      CallToolResult result = handler.call(Map.of("parent", Map.of("id", "p1")));

      assertThat(result.isError()).isTrue();
      assertThat(text(result)).contains("failed before a response arrived").doesNotContain("attempt");
      assertThat(flaky.connections()).isEqualTo(1);
    }
  }

  @Test
  void aSlowAnswerIsATimeoutErrorNotAHang() {
    api.respond(Response.json(200, "{}").after(Duration.ofSeconds(5)));
    ServerSettings settings = ServerSettings.builder().requestTimeout(Duration.ofMillis(300)).build();
    ToolCallHandler handler = handler(TestCatalog.getItem(), api.baseUrl(), RetryPolicy.of(ServerSettings.defaults()), settings,
        RateLimiter.unlimited(), time);
    long started = System.nanoTime();

    CallToolResult result = getItem(handler);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    assertThat(result.isError()).isTrue();
    assertThat(text(result)).isEqualTo("The request to 127.0.0.1:" + api.port()
        + " timed out after 300 ms without a complete response.");
    // A slow API is not made slower by asking again.
    assertThat(api.requests()).hasSize(1);
  }

  @Test
  void realTimeRetryAfterOfOneSecondIsWaited() {
    api.enqueue(Response.json(429, TOO_MANY).withHeader("Retry-After", "1"));
    api.respond(200, "{}");
    ToolCallHandler handler = handler(TestCatalog.getItem(), api.baseUrl(), RetryPolicy.of(ServerSettings.defaults()),
        ServerSettings.defaults(), RateLimiter.unlimited(), TimeSource.system());
    long started = System.nanoTime();

    CallToolResult result = getItem(handler);

    assertThat(result.isError()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(api.requests()).hasSize(2);
  }

  @Test
  void callsAtTheRateLimitTakeAtLeastTheirShareOfVirtualTime() {
    int calls = 7;
    double perSecond = 2;
    RateLimiter limiter = RateLimiter.perSecond(perSecond, time);
    ToolCallHandler handler = handler(TestCatalog.getItem(), api.baseUrl(), RetryPolicy.of(ServerSettings.defaults()),
        ServerSettings.defaults(), limiter, time);

    for (int i = 0; i < calls; i++) {
      assertThat(getItem(handler).isError()).isFalse();
    }

    assertThat(api.requests()).hasSize(calls);
    // (N - burst) / R = (7 - 2) / 2 = 2.5 s.
    assertThat(time.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis((long) ((calls - limiter.burst()) / perSecond * 1000)));
    assertThat(time.waits()).hasSize(calls - (int) limiter.burst());
  }

  @Test
  void retriesWaitForTheRateLimitToo() {
    api.enqueue(Response.json(429, TOO_MANY).withHeader("Retry-After", "0"));
    api.respond(200, "{}");
    RateLimiter limiter = RateLimiter.perSecond(1, time);

    CallToolResult result = getItem(handler(TestCatalog.getItem(), api.baseUrl(), RetryPolicy.of(ServerSettings.defaults()),
        ServerSettings.defaults(), limiter, time));

    assertThat(result.isError()).isFalse();
    assertThat(api.requests()).hasSize(2);
    // Retry-After 0 asks for nothing; the bucket of one token a second makes the retry wait.
    assertThat(time.waits()).containsExactly(Duration.ofSeconds(1));
  }
}
