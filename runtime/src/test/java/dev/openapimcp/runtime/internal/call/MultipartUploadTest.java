package dev.openapimcp.runtime.internal.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openapimcp.runtime.internal.config.BaseUrl;
import dev.openapimcp.runtime.internal.config.ConfigurationException;
import dev.openapimcp.runtime.internal.json.JsonText;
import dev.openapimcp.runtime.internal.request.Credentials;
import dev.openapimcp.runtime.internal.request.FileUploads;
import dev.openapimcp.runtime.internal.request.RequestBuilder;
import dev.openapimcp.runtime.internal.result.ResultMapper;
import dev.openapimcp.runtime.internal.upstream.UpstreamClient;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.model.Argument;
import dev.openapimcp.model.HttpBinding;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import dev.openapimcp.model.ToolHints;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File uploads as {@code multipart/form-data}, checked on the bytes the loopback API receives. */
class MultipartUploadTest {

  /** Like Notion's "send a file upload": a binary file, an array of files behind $ref and anyOf, text fields. */
  private static final ToolDefinition UPLOAD =
      ToolDefinition.builder("send-file")
          .description("Uploads a file.")
          .hints(ToolHints.writes())
          .inputSchema(
              """
              {"type":"object","properties":{\
              "file_upload_id":{"type":"string"},\
              "file":{"type":"string","format":"binary"},\
              "attachments":{"anyOf":[{"type":"array","items":{"$ref":"#/$defs/binary"}},\
              {"type":"string","contentMediaType":"application/json"}]},\
              "part_number":{"type":"integer"},\
              "meta":{"type":"object"}},\
              "required":["file_upload_id","file"],\
              "$defs":{"binary":{"type":"string","format":"binary"}}}""")
          .http(
              HttpBinding.of("POST", "/v1/file_uploads/{file_upload_id}/send")
                  .argument(Argument.path("file_upload_id"))
                  .argument(Argument.bodyProperty("file"))
                  .argument(Argument.bodyProperty("attachments"))
                  .argument(Argument.bodyProperty("part_number"))
                  .argument(Argument.bodyProperty("meta"))
                  .mediaType("multipart/form-data")
                  .build())
          .build();

  private static final byte[] PDF = {'%', 'P', 'D', 'F', 0, (byte) 0xff, '\r', '\n', '-', '-', 7};

  @TempDir Path temp;

  private final RecordingUpstream api = RecordingUpstream.start();
  private Path root;
  private ToolCallHandler handler;

  @BeforeEach
  void setUp() throws IOException {
    root = Files.createDirectory(temp.resolve("uploads"));
    ToolCatalog catalog = new ToolCatalog("upload-server", "1", "http://unused", null, List.of(UPLOAD));
    Map<String, Object> schema = object(JsonText.parse(UPLOAD.inputSchema()).orElseThrow());
    handler = new ToolCallHandler(
        UPLOAD,
        new ArgumentDecoder(schema),
        new ArgumentValidator(UPLOAD.name(), schema, McpJsonDefaults.getSchemaValidator()),
        new RequestBuilder(BaseUrl.fromEnvironment(Map.of("BASE_URL", api.baseUrl()), "http://unused"), Map.of(),
            new Credentials(List.of(), Map.of()), FileUploads.forCatalog(catalog, root)),
        new UpstreamClient(null),
        new ResultMapper());
    api.respond(200, "{\"object\":\"file_upload\",\"status\":\"uploaded\"}");
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value) {
    return (Map<String, Object>) value;
  }

  private static String text(CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  /** One part as received: its headers (lower-case names) and content. */
  private record Part(Map<String, String> headers, byte[] content) {
    String contentText() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  /** Splits a multipart body at its boundary, byte for byte (ISO-8859-1 keeps every byte). */
  private static List<Part> parts(RecordingUpstream.RecordedRequest request) {
    String contentType = request.header("Content-Type");
    assertThat(contentType).startsWith("multipart/form-data; boundary=");
    String boundary = contentType.substring("multipart/form-data; boundary=".length());
    String body = new String(request.body(), StandardCharsets.ISO_8859_1);
    assertThat(body).startsWith("--" + boundary + "\r\n").endsWith("\r\n--" + boundary + "--\r\n");
    String inner = body.substring(("--" + boundary + "\r\n").length(), body.length() - ("\r\n--" + boundary + "--\r\n").length());
    List<Part> parts = new ArrayList<>();
    for (String raw : inner.split("\r\n--" + boundary + "\r\n", -1)) {
      int blank = raw.indexOf("\r\n\r\n");
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line : raw.substring(0, blank).split("\r\n")) {
        int colon = line.indexOf(':');
        headers.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
      }
      parts.add(new Part(headers, raw.substring(blank + 4).getBytes(StandardCharsets.ISO_8859_1)));
    }
    return parts;
  }

  @Test
  void filesAndFieldsArriveAsPartsWithNamesFilenamesTypesAndExactBytes() throws IOException {
    Files.write(root.resolve("report.pdf"), PDF);
    Files.createDirectory(root.resolve("pics"));
    Files.writeString(root.resolve("notes.txt"), "héllo");
    Files.write(root.resolve("pics/b.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});

    CallToolResult result = handler.call(Map.of(
        "file_upload_id", "u1",
        "file", "report.pdf",
        "attachments", List.of(root.resolve("notes.txt").toString(), "pics/b.png"),
        "part_number", 3,
        "meta", Map.of("k", "v")));

    assertThat(result.isError()).as(text(result)).isFalse();
    RecordingUpstream.RecordedRequest request = api.onlyRequest();
    assertThat(request.target()).isEqualTo("/v1/file_uploads/u1/send");
    assertThat(request.header("Content-Length")).isEqualTo(String.valueOf(request.body().length));
    List<Part> parts = parts(request);
    assertThat(parts).hasSize(5);
    assertThat(parts.get(0).headers()).containsExactly(
        Map.entry("content-disposition", "form-data; name=\"file\"; filename=\"report.pdf\""),
        Map.entry("content-type", "application/pdf"));
    assertThat(parts.get(0).content()).isEqualTo(PDF);
    assertThat(parts.get(1).headers())
        .containsEntry("content-disposition", "form-data; name=\"attachments\"; filename=\"notes.txt\"")
        .containsEntry("content-type", "text/plain");
    assertThat(parts.get(1).contentText()).isEqualTo("héllo");
    assertThat(parts.get(2).headers())
        .containsEntry("content-disposition", "form-data; name=\"attachments\"; filename=\"b.png\"")
        .containsEntry("content-type", "image/png");
    assertThat(parts.get(3).headers()).containsExactly(Map.entry("content-disposition", "form-data; name=\"part_number\""));
    assertThat(parts.get(3).contentText()).isEqualTo("3");
    assertThat(parts.get(4).headers()).containsEntry("content-type", "application/json");
    assertThat(parts.get(4).contentText()).isEqualTo("{\"k\":\"v\"}");
  }

  @Test
  void largeFilesArriveWhole() throws IOException {
    byte[] large = new byte[3 * 1024 * 1024 + 7];
    for (int i = 0; i < large.length; i++) {
      large[i] = (byte) (i * 31);
    }
    Files.write(root.resolve("big.bin"), large);

    CallToolResult result = handler.call(Map.of("file_upload_id", "u1", "file", "big.bin"));

    assertThat(result.isError()).isFalse();
    Part part = parts(api.onlyRequest()).get(0);
    assertThat(part.headers()).containsEntry("content-type", "application/octet-stream");
    assertThat(part.content()).isEqualTo(large);
  }

  @Test
  void aMissingFileIsAnErrorNamingThePathAndNothingIsSent() {
    CallToolResult result = handler.call(Map.of("file_upload_id", "u1", "file", "missing.pdf"));

    assertThat(result.isError()).isTrue();
    assertThat(text(result)).isEqualTo("The file 'missing.pdf' (field 'file') does not exist in " + root + ".");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void pathsOutsideTheUploadDirectoryAreRefused() throws IOException {
    Path outside = Files.writeString(temp.resolve("secret.txt"), "secret");

    for (String path : List.of("../secret.txt", outside.toString(), "pics/../../secret.txt")) {
      CallToolResult result = handler.call(Map.of("file_upload_id", "u1", "file", path));

      assertThat(result.isError()).isTrue();
      assertThat(text(result)).isEqualTo("The file '" + path + "' (field 'file') is outside the upload directory "
          + root + "; only files in it can be uploaded (the server's --upload-root sets it).");
    }
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void symbolicLinksMustPointIntoTheUploadDirectory() throws IOException {
    Path outside = Files.writeString(temp.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(root.resolve("innocent.txt"), outside);
    Files.createSymbolicLink(root.resolve("elsewhere"), temp);
    Files.writeString(root.resolve("real.txt"), "fine");
    Files.createSymbolicLink(root.resolve("alias.txt"), root.resolve("real.txt"));

    CallToolResult viaFile = handler.call(Map.of("file_upload_id", "u1", "file", "innocent.txt"));
    CallToolResult viaDirectory = handler.call(Map.of("file_upload_id", "u1", "file", "elsewhere/secret.txt"));
    CallToolResult inside = handler.call(Map.of("file_upload_id", "u1", "file", "alias.txt"));

    assertThat(text(viaFile)).isEqualTo("The file 'innocent.txt' (field 'file') is a link to a place outside the"
        + " upload directory " + root + "; only files in it can be uploaded.");
    assertThat(text(viaDirectory)).contains("'elsewhere/secret.txt'", "is a link to a place outside");
    assertThat(inside.isError()).isFalse();
    Part part = parts(api.onlyRequest()).get(0);
    assertThat(part.headers()).containsEntry("content-disposition", "form-data; name=\"file\"; filename=\"alias.txt\"");
    assertThat(part.contentText()).isEqualTo("fine");
  }

  @Test
  void directoriesAndNonPathsAreRefused() throws IOException {
    Files.createDirectory(root.resolve("folder"));

    assertThat(text(handler.call(Map.of("file_upload_id", "u1", "file", "folder"))))
        .isEqualTo("The file 'folder' (field 'file') is not a regular file.");
    assertThat(text(handler.call(Map.of("file_upload_id", "u1", "file", "", "attachments", List.of())))).isEqualTo(
        "The field 'file' takes the path of a local file to upload.");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void theSchemaIsCheckedBeforeAnyFileIsTouched() {
    CallToolResult result = handler.call(Map.of("file_upload_id", "u1", "file", 42));

    assertThat(text(result)).isEqualTo("Invalid arguments for send-file: file: integer found, string expected.");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void anUploadDirectoryThatDoesNotExistStopsTheServerAtStart() {
    ToolCatalog catalog = new ToolCatalog("upload-server", "1", "http://unused", null, List.of(UPLOAD));
    Path missing = temp.resolve("nope");

    assertThatThrownBy(() -> FileUploads.forCatalog(catalog, missing))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("The upload directory " + missing + " does not exist.");
  }
}
