package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpOptionsTest {

  @Test
  void theDefaultPassthroughHeaderIsTheTokenVariableAsAHeaderName() {
    assertThat(HttpOptions.defaultTokenPassthroughHeader("NOTION_TOKEN")).isEqualTo("Notion-Token");
    assertThat(HttpOptions.defaultTokenPassthroughHeader("TEST_API_TOKEN")).isEqualTo("Test-Api-Token");
    assertThat(HttpOptions.defaultTokenPassthroughHeader("GITHUB_PAT")).isEqualTo("Github-Pat-Token");
    assertThat(HttpOptions.defaultTokenPassthroughHeader(null)).isEqualTo("Api-Token");
  }

  @Test
  void authenticationMustBeDecidedAndTheTokenNeverShows() {
    assertThatThrownBy(() -> HttpOptions.builder().build()).isInstanceOf(IllegalStateException.class);

    HttpOptions options = HttpOptions.builder().authToken("s3cret").tokenPassthroughHeader("Notion-Token").build();
    assertThat(options.toString()).doesNotContain("s3cret").contains("auth=bearer", "Notion-Token");
    assertThat(options.host()).isEqualTo("127.0.0.1");
    assertThat(options.port()).isEqualTo(3000);
    assertThat(options.maxRequestBytes()).isEqualTo(4 * 1024 * 1024);
    assertThat(options.drainTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(HttpOptions.builder().unsafeDisableAuth().build().authToken()).isNull();
  }

  @Test
  void valuesAreChecked() {
    assertThatThrownBy(() -> HttpOptions.builder().port(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpOptions.builder().host("a b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpOptions.builder().authToken("Bearer x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpOptions.builder().tokenPassthroughHeader("Mcp-Session-Id"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpOptions.builder().maxRequestBytes(10)).isInstanceOf(IllegalArgumentException.class);
  }
}
