package dev.openapimcp.examples.notion.testing;

import dev.openapimcp.testing.RecordingUpstream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For a test class (a static {@code @RegisterExtension} field): the packaged server ({@link ServerJar}) as a child
 * process with the MCP SDK's client on its stdio ({@link McpSession}), and a loopback {@link RecordingUpstream}
 * standing in for api.notion.com; started before the class's tests, stopped after them. Before each test the API
 * forgets what it recorded and answers every request with {@link #answerFor its path}.
 */
public final class NotionServer implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

  /** An empty page of results: what the stand-in API answers unless a test scripts otherwise. */
  public static final String ANSWER = "{\"object\":\"list\",\"results\":[],\"has_more\":false}";

  /** A bot user: what the stand-in API answers for {@code /v1/users/{id}} and {@code /v1/users/me}. */
  public static final String USER = "{\"object\":\"user\",\"id\":\"16d84278-ab0e-484c-9bdd-b35da3bd8905\","
      + "\"type\":\"bot\",\"name\":\"pied piper\",\"avatar_url\":null,\"bot\":{}}";

  /** A page as Markdown: what the stand-in API answers for {@code /v1/pages/{id}/markdown}. */
  public static final String MARKDOWN = "{\"object\":\"page_markdown\",\"id\":\"59833787-2cf9-4fdf-8782-e53db20768a5\","
      + "\"markdown\":\"# Tuscan kale\",\"truncated\":false,\"unknown_block_ids\":[]}";

  /**
   * The stand-in API's answer to a request for {@code path}: one of the shapes the spec promises for
   * it (the tools with an output schema turn any other into an error result), else {@link #ANSWER}.
   */
  public static String answerFor(String path) {
    if (path.startsWith("/v1/users/")) {
      return USER;
    }
    return path.endsWith("/markdown") ? MARKDOWN : ANSWER;
  }

  private final String token;
  private final List<String> flags;
  private final boolean uploadRoot;
  private Path uploads;
  private RecordingUpstream api;
  private McpSession session;

  private NotionServer(String token, boolean uploadRoot, List<String> flags) {
    this.token = token;
    this.uploadRoot = uploadRoot;
    this.flags = flags;
  }

  /** The server with the integration token {@code token} in {@code OPENAPI_MCP_HEADERS} and the command line {@code flags}. */
  public static NotionServer withToken(String token, String... flags) {
    return new NotionServer(token, false, List.of(flags));
  }

  /** This server with {@code --upload-root} at a folder of its own ({@link #uploads}), deleted at the end. */
  public NotionServer withUploadRoot() {
    return new NotionServer(token, true, flags);
  }

  public RecordingUpstream api() {
    return api;
  }

  public McpSession session() {
    return session;
  }

  /** The folder the server may upload files from. */
  public Path uploads() {
    return uploads;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    List<String> args = new ArrayList<>(flags);
    if (uploadRoot) {
      uploads = Files.createTempDirectory("notion-uploads");
      args.addAll(0, List.of("--upload-root", uploads.toString()));
    }
    api = RecordingUpstream.start();
    session = McpSession.start(ServerJar.command(args.toArray(String[]::new)),
        Map.of("OPENAPI_MCP_HEADERS", "{\"Authorization\": \"Bearer " + token + "\"}", "BASE_URL", api.baseUrl()));
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    try {
      if (session != null) {
        session.close();
      }
    } finally {
      if (api != null) {
        api.close();
      }
      if (uploads != null) {
        try (Stream<Path> files = Files.walk(uploads)) {
          for (Path file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
            Files.deleteIfExists(file);
          }
        }
      }
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    api.reset();
    api.respondWith(request -> RecordingUpstream.Response.json(200, answerFor(request.path())));
  }
}
