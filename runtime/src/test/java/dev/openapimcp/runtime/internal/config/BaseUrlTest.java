package dev.openapimcp.runtime.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BaseUrlTest {

  @Test
  void trailingSlashOfBaseAndLeadingSlashOfPathMeetOnce() {
    BaseUrl base = BaseUrl.fromEnvironment(Map.of("BASE_URL", "http://h:1/"), "https://api.example.com");

    assertThat(base.resolve("/v1/x", null)).hasToString("http://h:1/v1/x");
  }

  @Test
  void pathPrefixOfBaseIsKept() {
    assertThat(BaseUrl.fromEnvironment(Map.of(), "https://api.example.com/api/").resolve("/v1/x", "a=1"))
        .hasToString("https://api.example.com/api/v1/x?a=1");
    assertThat(BaseUrl.fromEnvironment(Map.of(), "https://api.example.com/api").resolve("/v1/x", ""))
        .hasToString("https://api.example.com/api/v1/x");
  }

  @Test
  void environmentOverridesCatalog() {
    BaseUrl base = BaseUrl.fromEnvironment(Map.of("BASE_URL", " http://127.0.0.1:8080 "), "https://api.notion.com");

    assertThat(base.origin()).isEqualTo("http://127.0.0.1:8080");
    assertThat(base.hostAndPort()).isEqualTo("127.0.0.1:8080");
  }

  @Test
  void defaultPortsAreFilledInForMessages() {
    assertThat(BaseUrl.fromEnvironment(Map.of(), "https://api.notion.com").hostAndPort()).isEqualTo("api.notion.com:443");
    assertThat(BaseUrl.fromEnvironment(Map.of(), "http://api.notion.com").hostAndPort()).isEqualTo("api.notion.com:80");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "api.notion.com", "/v1", "ftp://h/x", "http://", "http://h/ x", "mailto:me@h"})
  void unusableBaseUrlIsAConfigurationError(String url) {
    assertThatThrownBy(() -> BaseUrl.fromEnvironment(Map.of("BASE_URL", url), "https://api.notion.com"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("BASE_URL must be an absolute http or https URL such as https://api.example.com.");
  }

  @Test
  void credentialsInBaseUrlAreRefusedWithoutEchoingThem() {
    assertThatThrownBy(() -> BaseUrl.fromEnvironment(Map.of("BASE_URL", "https://me:hunter2@h/"), "https://x"))
        .hasMessage(
            "BASE_URL must be an absolute http or https URL such as https://api.example.com,"
                + " without user name or password; credentials belong in headers.")
        .message()
        .doesNotContain("hunter2");
  }

  @Test
  void queryInBaseUrlIsRefused() {
    assertThatThrownBy(() -> BaseUrl.fromEnvironment(Map.of("BASE_URL", "https://h/?key=1"), "https://x"))
        .hasMessageEndingWith(", without a query or fragment.");
  }

  @Test
  void unusableCatalogUrlTellsTheUserToSetBaseUrl() {
    assertThatThrownBy(() -> BaseUrl.fromEnvironment(Map.of(), "/v1"))
        .hasMessage(
            "The API base URL built into this server is not an absolute http or https URL;"
                + " set BASE_URL to the API's address, such as https://api.example.com.");
  }
}
