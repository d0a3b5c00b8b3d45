package dev.openapimcp.runtime.internal.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openapimcp.runtime.internal.capacity.RateLimiter;
import dev.openapimcp.runtime.internal.config.BaseUrl;
import dev.openapimcp.runtime.internal.config.ConfigurationException;
import dev.openapimcp.runtime.internal.json.JsonText;
import dev.openapimcp.runtime.internal.request.Credentials;
import dev.openapimcp.runtime.internal.request.FileUploads;
import dev.openapimcp.runtime.internal.request.RequestBuilder;
import dev.openapimcp.runtime.internal.result.ErrorHints;
import dev.openapimcp.runtime.internal.result.ResultMapper;
import dev.openapimcp.runtime.internal.upstream.UpstreamClient;
import dev.openapimcp.runtime.settings.ServerSettings;
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
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
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
    handler = handler(root);
    api.respond(200, "{\"object\":\"file_upload\",\"status\":\"uploaded\"}");
  }

  /** A handler for the upload tool with {@code uploadRoot} ({@code null}: none). */
  private ToolCallHandler handler(Path uploadRoot) {
    ToolCatalog catalog = new ToolCatalog("upload-server", "1", "http://unused", null, List.of(UPLOAD));
    Map<String, Object> schema = object(JsonText.parse(UPLOAD.inputSchema()).orElseThrow());
    return new ToolCallHandler(
        UPLOAD,
        new ArgumentDecoder(schema),
        new ArgumentValidator(UPLOAD.name(), schema, McpJsonDefaults.getSchemaValidator()),
        new RequestBuilder(BaseUrl.fromEnvironment(Map.of("BASE_URL", api.baseUrl()), "http://unused"), Map.of(),
            new Credentials(List.of(), Map.of()), FileUploads.forCatalog(catalog, uploadRoot)),
        new UpstreamClient(null, ServerSettings.defaults(), RateLimiter.unlimited()),
        new ResultMapper(ServerSettings.defaults(), ErrorHints.generic()));
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

  @Test
  void withoutAnUploadDirectoryNoFileIsReadAndTheMessageNamesTheFlag() throws IOException {
    ToolCallHandler noRoot = handler(null);
    Files.writeString(root.resolve("report.pdf"), "fine");

    for (String path : List.of("/etc/passwd", root.resolve("report.pdf").toString(), "report.pdf", "~/.ssh/id_rsa")) {
      CallToolResult result = noRoot.call(Map.of("file_upload_id", "u1", "file", path));

      assertThat(result.isError()).isTrue();
      assertThat(text(result)).isEqualTo("The field 'file' takes a local file, but this server has no upload directory;"
          + " start it with --upload-root <directory> to let tools upload files from that directory.");
    }
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void linksAreFollowedOnlyWhileTheyStayInside() throws IOException {
    Path outside = Files.createDirectory(temp.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "secret");
    Files.createDirectories(root.resolve("docs/deep"));
    Files.writeString(root.resolve("docs/deep/real.txt"), "real");
    // Inside: a chain of relative links, a link to a directory, '..' that stays inside.
    Files.createSymbolicLink(root.resolve("one"), Path.of("two"));
    Files.createSymbolicLink(root.resolve("two"), Path.of("docs/deep/real.txt"));
    Files.createSymbolicLink(root.resolve("docs/up"), Path.of(".."));
    Files.createSymbolicLink(root.resolve("deeplink"), root.resolve("docs/deep"));
    // Out: '..' past the directory, a directory link, an absolute link, a loop.
    Files.createSymbolicLink(root.resolve("docs/escape"), Path.of("../../outside/secret.txt"));
    Files.createSymbolicLink(root.resolve("docs/deep/out"), Path.of("../../.."));
    Files.createSymbolicLink(root.resolve("loop"), Path.of("loop"));

    for (String inside : List.of("one", "docs/up/one", "deeplink/real.txt", "docs/up/docs/up/two",
        root.resolve("deeplink/real.txt").toString())) {
      api.reset();
      CallToolResult result = handler.call(Map.of("file_upload_id", "u1", "file", inside));

      assertThat(result.isError()).as(inside + ": " + text(result)).isFalse();
      assertThat(parts(api.onlyRequest()).get(0).contentText()).as(inside).isEqualTo("real");
    }
    api.reset();
    for (String out : List.of("docs/escape", "docs/deep/out/outside/secret.txt", "docs/deep/out/uploads/one")) {
      assertThat(text(handler.call(Map.of("file_upload_id", "u1", "file", out)))).as(out)
          .isEqualTo("The file '" + out + "' (field 'file') is a link to a place outside the upload directory " + root
              + "; only files in it can be uploaded.");
    }
    assertThat(text(handler.call(Map.of("file_upload_id", "u1", "file", "loop"))))
        .isEqualTo("The file 'loop' (field 'file') does not exist in " + root + ".");
    assertThat(text(handler.call(Map.of("file_upload_id", "u1", "file", "docs/deep/real.txt/x"))))
        .isEqualTo("The file 'docs/deep/real.txt/x' (field 'file') does not exist in " + root + ".");
    assertThat(text(handler.call(Map.of("file_upload_id", "u1", "file", ".")))).isEqualTo(
        "The file '.' (field 'file') is not a regular file.");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void anUploadDirectoryReachedThroughALinkWorksByEitherName() throws IOException {
    Files.writeString(root.resolve("a.txt"), "a");
    Path alias = Files.createSymbolicLink(temp.resolve("alias"), root);
    ToolCallHandler viaAlias = handler(alias);

    for (String path : List.of("a.txt", alias.resolve("a.txt").toString(), root.resolve("a.txt").toString())) {
      api.reset();
      CallToolResult result = viaAlias.call(Map.of("file_upload_id", "u1", "file", path));

      assertThat(result.isError()).as(path + ": " + text(result)).isFalse();
      assertThat(parts(api.onlyRequest()).get(0).contentText()).isEqualTo("a");
    }
  }

  @Test
  void aFileSwappedForALinkWhileCallsRunIsNeverSentFromOutside() throws Exception {
    Path outside = Files.createDirectory(temp.resolve("outside"));
    Files.writeString(outside.resolve("f.txt"), "OUTSIDE");
    Path file = root.resolve("f.txt");
    Path spareFile = root.resolve(".f.txt.file");
    Path spareLink = root.resolve(".f.txt.link");
    Files.writeString(file, "inside");
    // The file and a link to the outside file take turns under one name, each rename atomic.
    Swapper swapper = new Swapper(() -> {
      Files.writeString(spareFile, "inside");
      Files.move(spareFile, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Files.deleteIfExists(spareLink);
      Files.createSymbolicLink(spareLink, outside.resolve("f.txt"));
      Files.move(spareLink, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    });

    assertThat(callsWhileSwapping(swapper, "f.txt")).isZero();
  }

  @Test
  void aDirectorySwappedForALinkWhileCallsRunIsNeverReadFromOutside() throws Exception {
    Path outside = Files.createDirectory(temp.resolve("outside"));
    Files.writeString(outside.resolve("f.txt"), "OUTSIDE");
    Path directory = Files.createDirectory(root.resolve("d"));
    Files.writeString(directory.resolve("f.txt"), "inside");
    Path parked = root.resolve(".d.real");
    Path link = root.resolve(".d.link");
    Files.createSymbolicLink(link, outside);
    // The directory and a link to the outside directory take turns under one name.
    Swapper swapper = new Swapper(() -> {
      Files.move(directory, parked, StandardCopyOption.ATOMIC_MOVE);
      Files.move(link, directory, StandardCopyOption.ATOMIC_MOVE);
      Files.move(directory, link, StandardCopyOption.ATOMIC_MOVE);
      Files.move(parked, directory, StandardCopyOption.ATOMIC_MOVE);
    });

    assertThat(callsWhileSwapping(swapper, "d/f.txt")).isZero();
  }

  /** Changes the upload directory over and over on its own thread until closed. */
  private static final class Swapper implements AutoCloseable {
    interface Step {
      void run() throws IOException;
    }

    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger swaps = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Swapper(Step step) {
      thread = new Thread(() -> {
        try {
          while (running.get()) {
            step.run();
            swaps.incrementAndGet();
          }
        } catch (IOException | RuntimeException e) {
          failure.set(e);
        }
      }, "swapper");
      thread.start();
    }

    int swaps() {
      return swaps.get();
    }

    @Override
    public void close() {
      running.set(false);
      try {
        thread.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      assertThat(failure.get()).isNull();
    }
  }

  /**
   * Uploads {@code path} 400 times while {@code swapper} runs; how many of the bodies the API
   * received held the outside file.
   */
  private int callsWhileSwapping(Swapper swapper, String path) {
    int leaks = 0;
    try (swapper) {
      while (swapper.swaps() < 10) {
        Thread.onSpinWait();
      }
      for (int i = 0; i < 400; i++) {
        handler.call(Map.of("file_upload_id", "u1", "file", path));
      }
      assertThat(swapper.swaps()).isGreaterThan(10);
    }
    for (RecordingUpstream.RecordedRequest request : api.requests()) {
      if (new String(request.body(), StandardCharsets.ISO_8859_1).contains("OUTSIDE")) {
        leaks++;
      }
    }
    return leaks;
  }

  @Test
  void everyFileIsClosedAfterItsCall() throws IOException {
    Path descriptors = Path.of("/proc/self/fd");
    Assumptions.assumeTrue(Files.isDirectory(descriptors), "needs /proc to count open files");
    Files.writeString(root.resolve("a.txt"), "a");
    handler.call(Map.of("file_upload_id", "u1", "file", "a.txt"));
    long before = countEntries(descriptors);

    for (int i = 0; i < 300; i++) {
      handler.call(Map.of("file_upload_id", "u1", "file", "a.txt", "attachments", List.of("a.txt", "missing.txt")));
      handler.call(Map.of("file_upload_id", "u1", "file", "a.txt"));
    }

    // 900 files were opened; a few descriptors may come and go with the HTTP client's connections.
    assertThat(countEntries(descriptors) - before).isLessThan(20);
    assertThat(api.requests()).hasSize(301);
  }

  private static long countEntries(Path directory) throws IOException {
    try (var entries = Files.list(directory)) {
      return entries.count();
    }
  }
}
