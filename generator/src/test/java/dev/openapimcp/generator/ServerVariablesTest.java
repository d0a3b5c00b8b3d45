package dev.openapimcp.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openapimcp.testing.SpecFixtures;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values for server variables: used where a server entry has them, an error where none has. */
class ServerVariablesTest {

  private static final String SERVERS = """
      openapi: 3.0.3
      info: {title: Regions, version: '1'}
      servers:
        - {url: 'https://api.example.com/v1'}
        - url: 'https://{region}.example.com/{version}'
          variables: {region: {default: eu}, version: {default: v1}}
        - url: 'https://{tenant}.example.org'
          variables: {tenant: {default: acme}}
      paths:
        /items:
          get: {operationId: listItems, responses: {'200': {description: OK}}}
      """;

  @TempDir Path dir;

  private String baseUrl(String spec, Map<String, String> values) throws GenerationException {
    return GenerationTool.catalog(GeneratorConfig.builder(SpecFixtures.write(dir, "servers.yaml", spec))
        .serverVariables(values).build()).baseUrl();
  }

  @Test
  void withoutValuesTheFirstServerIsUsed() throws Exception {
    assertThat(baseUrl(SERVERS, Map.of())).isEqualTo("https://api.example.com/v1");
  }

  @Test
  void valuesForAnotherEntrysVariablesSelectThatEntry() throws Exception {
    assertThat(baseUrl(SERVERS, Map.of("region", "us"))).isEqualTo("https://us.example.com/v1");
    assertThat(baseUrl(SERVERS, Map.of("tenant", "initech"))).isEqualTo("https://initech.example.org");
  }

  @Test
  void aVariableNoServerHasIsAnErrorNamingItAndTheKnownOnes() {
    assertThatThrownBy(() -> baseUrl(SERVERS, Map.of("regin", "us")))
        .isInstanceOf(GenerationException.class)
        .hasMessage(dir.resolve("servers.yaml") + " #/servers: no server URL has a variable named 'regin'; the"
            + " variables are 'region', 'version' and 'tenant'");
    assertThatThrownBy(() -> baseUrl(SERVERS.replace("'https://{tenant}.example.org'", "https://example.org")
        .replace("variables: {tenant: {default: acme}}", "description: no variables")
        .replace("'https://{region}.example.com/{version}'", "https://example.net")
        .replace("variables: {region: {default: eu}, version: {default: v1}}", "description: none either"),
        Map.of("region", "us")))
        .hasMessageEndingWith("#/servers: no server URL has a variable named 'region'; the spec's server URLs have"
            + " no variables");
  }

  @Test
  void variablesOfDifferentEntriesCannotBeCombined() {
    assertThatThrownBy(() -> baseUrl(SERVERS, Map.of("region", "us", "tenant", "initech")))
        .isInstanceOf(GenerationException.class)
        .hasMessageEndingWith("#/servers: no one server URL has all the variables given values ('region' and"
            + " 'tenant'); give values for the variables of one of them: https://{region}.example.com/{version} has"
            + " 'region', https://{tenant}.example.org has 'tenant'");
  }
}
