package dev.openapimcp.generator.internal.model;

import static dev.openapimcp.testing.SpecFixtures.schema;
import static dev.openapimcp.testing.SpecFixtures.tool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openapimcp.generator.Finding;
import dev.openapimcp.generator.GeneratedServer;
import dev.openapimcp.generator.GenerationTool;
import dev.openapimcp.generator.GeneratorConfig;
import dev.openapimcp.generator.LintReport;
import dev.openapimcp.model.Argument;
import dev.openapimcp.model.ArgumentLocation;
import dev.openapimcp.model.ParameterStyle;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.SpecFixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Path keys with a query ({@code /uploads?convert={convert}}, {@code /{Bucket}?acl}) or a fragment
 * ({@code /tags/{resourceArn}#tagKeys}): the query becomes query arguments, the fragment is left out,
 * and lint says so.
 */
class PathKeyQueryTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static final String SPEC = """
      openapi: 3.0.3
      info: {title: Odd Keys, version: '1'}
      servers: [{url: 'https://odd.example'}]
      paths:
        /uploads?convert={convert}:
          post:
            operationId: upload
            parameters:
              - {name: convert, in: query, required: true, schema: {type: string, enum: [fax, mms]}}
            requestBody:
              content: {application/json: {schema: {type: object, properties: {name: {type: string}}}}}
            responses: {'200': {description: OK}}
        /posts/{postId}/image?size={size}:
          get:
            operationId: image
            parameters:
              - {name: postId, in: path, required: true, schema: {type: string}}
              - {name: size, in: path, required: true, schema: {type: integer}}
            responses: {'200': {description: OK}}
        /tags/{resourceArn}#tagKeys:
          delete:
            operationId: untag
            parameters:
              - {name: resourceArn, in: path, required: true, schema: {type: string}}
              - {name: tagKeys, in: query, required: true, schema: {type: array, items: {type: string}}}
            responses: {'204': {description: Deleted}}
        /tags/{resourceArn}:
          get:
            operationId: listTags
            parameters:
              - {name: resourceArn, in: path, required: true, schema: {type: string}}
            responses: {'200': {description: OK}}
        /{Bucket}?list-type=2&acl:
          get:
            operationId: listObjects
            parameters:
              - {name: Bucket, in: path, required: true, schema: {type: string}}
              - {name: prefix, in: query, schema: {type: string}}
            responses: {'200': {description: OK}}
        /media?format={format}:
          get:
            operationId: media
            responses: {'200': {description: OK}}
      """;

  private String spec() {
    return SpecFixtures.write(dir, "odd.yaml", SPEC);
  }

  @Test
  void theQueryOfAPathKeyBecomesQueryArgumentsAndTheFragmentIsLeftOut() throws Exception {
    ToolCatalog catalog = GenerationTool.catalog(GeneratorConfig.builder(spec()).build());

    ToolDefinition upload = tool(catalog, "upload");
    assertThat(upload.http().pathTemplate()).isEqualTo("/uploads");
    assertThat(upload.http().arguments()).containsExactly(Argument.query("convert"), Argument.bodyProperty("name"));

    ToolDefinition image = tool(catalog, "image");
    assertThat(image.http().pathTemplate()).isEqualTo("/posts/{postId}/image");
    // Declared in the path, where it is not: a query parameter with query defaults, still required.
    assertThat(image.http().arguments()).containsExactly(Argument.path("postId"),
        new Argument("size", "size", ArgumentLocation.QUERY, ParameterStyle.FORM, true));
    assertThat(schema(image).path("required")).extracting(n -> n.asText()).containsExactly("postId", "size");

    ToolDefinition untag = tool(catalog, "untag");
    assertThat(untag.http().pathTemplate()).isEqualTo("/tags/{resourceArn}");
    assertThat(untag.http().arguments()).containsExactly(Argument.path("resourceArn"), Argument.query("tagKeys"));

    // Fixed pairs: arguments that can only have the key's value, so requests carry them.
    ToolDefinition listObjects = tool(catalog, "listObjects");
    assertThat(listObjects.http().pathTemplate()).isEqualTo("/{Bucket}");
    assertThat(listObjects.http().arguments()).extracting(Argument::wireName)
        .containsExactly("Bucket", "prefix", "list-type", "acl");
    assertThat(schema(listObjects).at("/properties/list-type"))
        .isEqualTo(JSON.readTree("{\"type\": \"string\", \"const\": \"2\"}"));
    assertThat(schema(listObjects).at("/properties/acl/const").asText()).isEmpty();
    assertThat(schema(listObjects).path("required")).extracting(n -> n.asText())
        .containsExactly("Bucket", "list-type", "acl");

    ToolDefinition media = tool(catalog, "media");
    assertThat(media.http().arguments()).containsExactly(Argument.query("format"));
    catalog.tools().forEach(SpecFixtures::assertValid2020);
  }

  @Test
  void lintSaysWhatBecameOfQueryAndFragment() throws Exception {
    LintReport report = GenerationTool.lint(GeneratorConfig.builder(spec()).build(), 1 << 20);
    assertThat(report.findings()).contains(
        Finding.warning("upload", "#/paths/~1uploads?convert={convert}/post: the path key carries the query"
            + " '?convert={convert}', which OpenAPI does not allow; the tool sends it as query parameters"),
        Finding.warning("untag", "#/paths/~1tags~1{resourceArn}#tagKeys/delete: the path key carries the fragment"
            + " '#tagKeys', which is no part of a request; the tool leaves it out"),
        Finding.error("media", "#/paths/~1media?format={format}/get: the variable {format} of the path key's"
            + " query has no parameter, so the tool asks for it as a string"));
    assertThat(report.findings()).filteredOn(f -> f.subject().equals("listTags")).isEmpty();
  }

  @Test
  void requestsCarryTheQueryAndNotTheFragment() throws Exception {
    try (RecordingUpstream api = RecordingUpstream.start();
        GeneratedServer server = GeneratedServer.start(spec(), dir, api.baseUrl())) {
      api.respond(200, "{}");

      assertThat(GeneratedServer.isError(server.call("untag",
          Map.of("resourceArn", "arn-1", "tagKeys", List.of("env", "team"))))).isFalse();
      assertThat(api.lastRequest().method()).isEqualTo("DELETE");
      assertThat(api.lastRequest().target()).isEqualTo("/tags/arn-1?tagKeys=env&tagKeys=team");

      assertThat(GeneratedServer.isError(server.call("upload", Map.of("convert", "fax", "name", "a.pdf")))).isFalse();
      assertThat(api.lastRequest().target()).isEqualTo("/uploads?convert=fax");
      assertThat(JSON.readTree(api.lastRequest().body())).isEqualTo(JSON.readTree("{\"name\": \"a.pdf\"}"));

      assertThat(GeneratedServer.isError(server.call("image", Map.of("postId", "p1", "size", 64)))).isFalse();
      assertThat(api.lastRequest().target()).isEqualTo("/posts/p1/image?size=64");

      assertThat(GeneratedServer.isError(server.call("listObjects",
          Map.of("Bucket", "b", "prefix", "logs/", "list-type", "2", "acl", "")))).isFalse();
      assertThat(api.lastRequest().target()).isEqualTo("/b?prefix=logs%2F&list-type=2&acl=");

      // Without the fixed pair the request would go to another operation: it is refused, nothing is sent.
      int sent = api.requests().size();
      assertThat(GeneratedServer.isError(server.call("listObjects", Map.of("Bucket", "b", "acl", "")))).isTrue();
      assertThat(api.requests()).hasSize(sent);
      // Another value is the model's explicit choice: lenient validation (the default) leaves the API to judge it.
      assertThat(GeneratedServer.isError(server.call("listObjects",
          Map.of("Bucket", "b", "list-type", "1", "acl", "")))).isFalse();
      assertThat(api.lastRequest().target()).isEqualTo("/b?list-type=1&acl=");
    }
  }
}
