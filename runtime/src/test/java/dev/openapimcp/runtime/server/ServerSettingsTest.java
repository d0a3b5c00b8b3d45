package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openapimcp.runtime.settings.InvalidSettingException;
import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.testing.TestCatalog;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one configuration object: its defaults, its checks, and a server refusing HTTP without a decision on auth. */
class ServerSettingsTest {

  @Test
  void authenticationMustBeDecidedAndTheTokenNeverShows() {
    assertThatThrownBy(() -> McpProxyServer.builder(TestCatalog.catalog()).environment(Map.of())
        .settings(ServerSettings.builder().transport(ServerSettings.Transport.HTTP).build()).build())
        .isInstanceOf(IllegalStateException.class);

    ServerSettings options =
        ServerSettings.builder().authToken("s3cret").tokenPassthroughHeader("Notion-Token").build();
    assertThat(options.toString()).doesNotContain("s3cret").contains("auth=bearer", "Notion-Token");
    assertThat(options.host()).isEqualTo("127.0.0.1");
    assertThat(options.port()).isEqualTo(3000);
    assertThat(options.maxRequestBytes()).isEqualTo(4 * 1024 * 1024);
    assertThat(options.drainTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(ServerSettings.builder().unsafeDisableAuth().build().authToken()).isNull();
  }

  @Test
  void valuesAreChecked() {
    assertThatThrownBy(() -> ServerSettings.builder().port(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ServerSettings.builder().host("a b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ServerSettings.builder().authToken("Bearer x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ServerSettings.builder().tokenPassthroughHeader("Mcp-Session-Id"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ServerSettings.builder().maxRequestBytes(10)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aValueOutOfRangeIsRefusedNamingTheSettingAndItsRule() {
    assertThatThrownBy(() -> ServerSettings.builder().port(70_000))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo("port");
          assertThat(e.rule()).isEqualTo("must be from 0 to 65535");
        })
        .hasMessage("port must be from 0 to 65535.");
    assertThatThrownBy(() -> ServerSettings.builder().requestTimeout(Duration.ZERO))
        .hasMessage("requestTimeout must be a number of seconds from 0.001 to 86400.");
    assertThatThrownBy(() -> ServerSettings.builder().maxQueueWait(Duration.ofDays(2)))
        .hasMessage("maxQueueWait must be a number of seconds from 0 to 86400.");
    assertThatThrownBy(() -> ServerSettings.builder().rateLimit(Double.NaN))
        .hasMessage("rateLimit must be 0 (no limit) or a positive number of requests per second.");
    // The token is refused without being quoted.
    assertThatThrownBy(() -> ServerSettings.builder().authToken("s3cret with space")).message()
        .doesNotContain("s3cret");
  }

  @Test
  void theDefaultsFollowTheHeap() {
    long heap = Runtime.getRuntime().maxMemory();
    assertThat(ServerSettings.defaults().maxConcurrentCalls())
        .isEqualTo((int) Math.max(4, Math.min(64, heap / (16L * 1024 * 1024))));
    assertThat(ServerSettings.defaults().memoryBudget()).isEqualTo(heap / 2);
  }

  @Test
  void settingsDoNotChangeWithTheBuilderThatMadeThem() {
    ServerSettings.Builder builder = ServerSettings.builder().rateLimit(3);
    ServerSettings three = builder.build();

    builder.rateLimit(5);
    ServerSettings five = three.toBuilder().rateLimit(5).build();

    assertThat(three.rateLimit()).isEqualTo(3);
    assertThat(builder.build().rateLimit()).isEqualTo(5);
    assertThat(five.rateLimit()).isEqualTo(5);
    assertThat(three.rateLimit()).isEqualTo(3);
  }
}
