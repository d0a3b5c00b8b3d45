package dev.openapimcp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openapimcp.model.ProtocolVersions;
import dev.openapimcp.runtime.server.McpProxyServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.Channel;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An MCP client for a server in this process, over in-memory pipes: a call takes exactly the path a
 * real client's call takes (argument decoding, validation, credentials, retries, result mapping).
 * NIO pipes rather than {@code PipedInputStream}, which fails a reader once the thread that last
 * wrote has ended, as the SDK's pooled threads may.
 */
final class InProcessClient implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final McpProxyServer server;
  private final OutputStream toServer;
  private final BufferedReader fromServer;
  private int lastId;

  /** Builds the server with the pipes as its stdio and starts it. */
  InProcessClient(McpProxyServer.Builder builder) throws IOException {
    Pipe requests = Pipe.open();
    Pipe replies = Pipe.open();
    this.toServer = Channels.newOutputStream(requests.sink());
    this.fromServer = new BufferedReader(
        new InputStreamReader(Channels.newInputStream(replies.source()), StandardCharsets.UTF_8));
    try {
      this.server = builder.input(Channels.newInputStream(requests.source()))
          .output(Channels.newOutputStream(replies.sink())).build();
      server.start();
    } catch (RuntimeException e) {
      // Nothing started: the pipes are all there is to release.
      for (Channel channel : List.of(requests.sink(), requests.source(), replies.sink(), replies.source())) {
        channel.close();
      }
      throw e;
    }
  }

  /** The MCP handshake. */
  void initialize(String clientName, String clientVersion) throws IOException {
    ObjectNode params = JSON.createObjectNode().put("protocolVersion", ProtocolVersions.CLIENT);
    params.putObject("capabilities");
    params.putObject("clientInfo").put("name", clientName).put("version", clientVersion);
    JsonNode reply = request("initialize", params);
    if (reply.has("error")) {
      throw new IOException("The server refused to initialize: " + reply.at("/error/message").asText());
    }
    send(JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/initialized"));
  }

  /** {@code tools/call}; the whole JSON-RPC response, holding {@code result} or {@code error}. */
  JsonNode callTool(String name, ObjectNode arguments) throws IOException {
    ObjectNode params = JSON.createObjectNode().put("name", name);
    params.set("arguments", arguments);
    return request("tools/call", params);
  }

  private JsonNode request(String method, ObjectNode params) throws IOException {
    int id = ++lastId;
    ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
    message.set("params", params);
    send(message);
    for (String line = fromServer.readLine(); line != null; line = fromServer.readLine()) {
      JsonNode reply = JSON.readTree(line);
      if (reply.path("id").asInt(-1) == id && !reply.has("method")) {
        return reply;
      }
    }
    throw new IOException("the server stopped before answering " + method);
  }

  private void send(JsonNode message) throws IOException {
    toServer.write((message + "\n").getBytes(StandardCharsets.UTF_8));
    toServer.flush();
  }

  /** Ends the session as a client does, by closing the server's input, then stops the server. */
  @Override
  public void close() throws IOException {
    try (fromServer) {
      toServer.close();
    } finally {
      server.close();
    }
  }
}
