package dev.openapimcp.runtime.internal.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.model.HttpBinding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderPrecedenceTest {

  private final List<HttpBinding> bindings =
      List.of(
          HttpBinding.of("GET", "/a").fixedHeader("Notion-Version", "2025-09-03").build(),
          HttpBinding.of("GET", "/b").fixedHeader("Notion-Version", "2026-03-11").build(),
          HttpBinding.of("GET", "/c").build());

  @Test
  void environmentHeaderThatAnOperationDeclaresDifferentlyIsReportedOnceByName() {
    assertThat(
            HeaderPrecedence.overriddenByOperations(
                Map.of("notion-version", "2022-06-28", "Authorization", "Bearer x"), bindings))
        .containsExactly("notion-version");
  }

  @Test
  void sameValueEverywhereIsNoConflict() {
    List<HttpBinding> same = List.of(HttpBinding.of("GET", "/a").fixedHeader("Notion-Version", "2025-09-03").build());

    assertThat(HeaderPrecedence.overriddenByOperations(Map.of("Notion-Version", "2025-09-03"), same)).isEmpty();
  }

  @Test
  void argumentsBeatFixedHeadersWhichBeatTheEnvironmentWhichBeatsTheDefault() {
    assertThat(
            HeaderPrecedence.merge(
                Map.of("ACCEPT", "text/plain", "X-A", "env"), Map.of("x-a", "fixed", "X-B", "fixed"), Map.of("x-b", "arg")))
        .containsOnly(Map.entry("ACCEPT", "text/plain"), Map.entry("x-a", "fixed"), Map.entry("x-b", "arg"));
  }
}
