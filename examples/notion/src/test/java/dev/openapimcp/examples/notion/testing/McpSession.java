package dev.openapimcp.examples.notion.testing;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Implementation;
import io.modelcontextprotocol.spec.McpSchema.ListToolsResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * An MCP server process driven by the MCP Java SDK's own client over stdio, as Claude Desktop would
 * drive it. Keeps every line the server writes to stderr, and makes sure the process is gone on
 * {@link #close}.
 */
public final class McpSession implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);

  private final McpSyncClient client;
  private final List<ProcessHandle> processes;
  private final List<String> stderr;

  private McpSession(McpSyncClient client, List<ProcessHandle> processes, List<String> stderr) {
    this.client = client;
    this.processes = processes;
    this.stderr = stderr;
  }

  /**
   * Starts {@code command} with {@code environment} added to this JVM's own and completes the MCP
   * handshake.
   */
  public static McpSession start(List<String> command, Map<String, String> environment) {
    List<String> stderr = new CopyOnWriteArrayList<>();
    StdioClientTransport transport =
        new StdioClientTransport(
            ServerParameters.builder(command.get(0))
                .args(command.subList(1, command.size()))
                .env(environment)
                .build(),
            McpJsonDefaults.getMapper());
    transport.setStdErrorHandler(stderr::add);
    McpSyncClient client =
        McpClient.sync(transport)
            .clientInfo(Implementation.builder("notion-mcp-server-it", "1.0.0").build())
            .initializationTimeout(START_TIMEOUT)
            .requestTimeout(REQUEST_TIMEOUT)
            .build();
    // The SDK keeps the Process to itself; the new child of this JVM is the server.
    Set<Long> before = childPids();
    try {
      client.initialize();
    } catch (RuntimeException e) {
      List<ProcessHandle> started = newChildren(before);
      client.close();
      started.forEach(McpSession::kill);
      throw new AssertionError("MCP handshake with " + command + " failed; stderr: " + stderr, e);
    }
    return new McpSession(client, newChildren(before), stderr);
  }

  public List<Tool> listTools() {
    List<Tool> tools = new ArrayList<>();
    ListToolsResult page = client.listTools();
    tools.addAll(page.tools());
    while (page.nextCursor() != null) {
      page = client.listTools(page.nextCursor());
      tools.addAll(page.tools());
    }
    return tools;
  }

  /** The instructions the server answered {@code initialize} with. */
  public String instructions() {
    return client.getServerInstructions();
  }

  public CallToolResult call(String tool, Map<String, Object> arguments) {
    return client.callTool(CallToolRequest.builder(tool).arguments(arguments).build());
  }

  /** The text contents of a call's result, one per line. */
  public static String text(CallToolResult result) {
    return result.content().stream().filter(TextContent.class::isInstance).map(TextContent.class::cast)
        .map(TextContent::text).collect(Collectors.joining("\n"));
  }

  /** Every stderr line so far. */
  public List<String> stderr() {
    return List.copyOf(stderr);
  }

  /** Waits (bounded) until a stderr line matches; the lines either way. */
  public List<String> awaitStderr(Predicate<String> line, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (stderr.stream().noneMatch(line) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return stderr();
  }

  @Override
  public void close() {
    try {
      client.closeGracefully();
    } finally {
      processes.forEach(McpSession::kill);
    }
  }

  private static void kill(ProcessHandle process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    if (process.isAlive()) {
      process.destroy();
      try {
        process.onExit().get(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        process.destroyForcibly();
      }
    }
  }

  private static Set<Long> childPids() {
    return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
  }

  private static List<ProcessHandle> newChildren(Set<Long> before) {
    return ProcessHandle.current().children().filter(child -> !before.contains(child.pid())).collect(Collectors.toList());
  }
}
