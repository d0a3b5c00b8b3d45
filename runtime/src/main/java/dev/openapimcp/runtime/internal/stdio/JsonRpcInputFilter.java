package dev.openapimcp.runtime.internal.stdio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openapimcp.runtime.internal.json.JsonRpcShape;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands between stdin and the SDK's stdio transport and lets through only lines the SDK can read
 * as JSON-RPC messages. The SDK stops reading for good at the first line it cannot read, which
 * would leave a client talking to a server that no longer listens; this filter answers such a line
 * itself, as JSON-RPC says:
 *
 * <ul>
 *   <li>not JSON: {@code -32700 Parse error} with id {@code null};
 *   <li>JSON but no JSON-RPC message (an array, no {@code method}/{@code result}/{@code error}, a
 *       wrong {@code jsonrpc}, {@code id} or {@code method}), or a line over the size limit: {@code
 *       -32600 Invalid Request}, with the message's id when it has a usable one;
 *   <li>blank lines: skipped.
 * </ul>
 *
 * <p>Answers are written to the transport's output while holding its lock, as the SDK does, so
 * lines never interleave. Unknown methods pass through: the SDK answers them with {@code -32601}.
 */
public final class JsonRpcInputFilter extends InputStream {

  private static final Logger LOG = LoggerFactory.getLogger(JsonRpcInputFilter.class);

  /** The SDK reads lines of up to 16 M characters; longer ones are refused here without buffering. */
  public static final int DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

  static final int PARSE_ERROR = JsonRpcShape.PARSE_ERROR;
  static final int INVALID_REQUEST = JsonRpcShape.INVALID_REQUEST;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CHUNK = 64 * 1024;

  private final InputStream in;
  private final OutputStream out;
  private final int maxLineBytes;
  private final byte[] chunk = new byte[CHUNK];
  private int chunkStart;
  private int chunkEnd;
  private boolean inputEnded;

  /** The current accepted line with its newline, handed out to the SDK. */
  private byte[] line = new byte[0];
  private int linePosition;

  /**
   * @param in the client's messages
   * @param out the stream the transport writes to; answers to bad lines go there too
   */
  public JsonRpcInputFilter(InputStream in, OutputStream out) {
    this(in, out, DEFAULT_MAX_LINE_BYTES);
  }

  JsonRpcInputFilter(InputStream in, OutputStream out, int maxLineBytes) {
    this.in = in;
    this.out = out;
    this.maxLineBytes = maxLineBytes;
  }

  @Override
  public int read() throws IOException {
    if (!fill()) {
      return -1;
    }
    return line[linePosition++] & 0xFF;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int count = Math.min(length, line.length - linePosition);
    System.arraycopy(line, linePosition, buffer, offset, count);
    linePosition += count;
    return count;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** Makes sure part of an accepted line is ready; {@code false} at the end of input. */
  private boolean fill() throws IOException {
    while (linePosition >= line.length) {
      ByteArrayOutputStream next = new ByteArrayOutputStream();
      Boolean complete = readLine(next);
      if (complete == null) {
        return false;
      }
      if (!complete) {
        LOG.warn("Refused an input line longer than {} bytes", maxLineBytes);
        answerError(null, INVALID_REQUEST, "Invalid Request: the message is longer than " + maxLineBytes + " bytes.");
        continue;
      }
      byte[] accepted = accept(next.toByteArray());
      if (accepted != null) {
        line = accepted;
        linePosition = 0;
      }
    }
    return true;
  }

  /**
   * Reads one line without its terminator into {@code target}: {@code true} when whole, {@code
   * false} when it was too long (the rest is skipped), {@code null} at the end of input.
   */
  private Boolean readLine(ByteArrayOutputStream target) throws IOException {
    boolean any = false;
    boolean tooLong = false;
    while (true) {
      if (chunkStart == chunkEnd) {
        if (inputEnded) {
          return any ? !tooLong : null;
        }
        int count = in.read(chunk, 0, chunk.length);
        if (count < 0) {
          inputEnded = true;
          continue;
        }
        chunkStart = 0;
        chunkEnd = count;
      }
      any = true;
      int newline = -1;
      for (int i = chunkStart; i < chunkEnd; i++) {
        if (chunk[i] == '\n') {
          newline = i;
          break;
        }
      }
      int end = newline < 0 ? chunkEnd : newline;
      if (!tooLong) {
        if (target.size() + (end - chunkStart) > maxLineBytes) {
          tooLong = true;
          target.reset();
        } else {
          target.write(chunk, chunkStart, end - chunkStart);
        }
      }
      chunkStart = newline < 0 ? chunkEnd : newline + 1;
      if (newline >= 0) {
        return !tooLong;
      }
    }
  }

  /** The line to hand to the SDK, with its newline; {@code null} when it was answered or skipped. */
  private byte[] accept(byte[] raw) {
    int length = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
    String text = new String(raw, 0, length, StandardCharsets.UTF_8);
    if (text.isBlank()) {
      return null;
    }
    JsonNode message;
    try {
      message = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      LOG.warn("Answered an input line that is not JSON ({} bytes) with a parse error", raw.length);
      answerError(null, PARSE_ERROR, "Parse error: the line is not valid JSON.");
      return null;
    }
    String problem = JsonRpcShape.problem(message, "line");
    JsonNode id = JsonRpcShape.id(message);
    if (problem == null) {
      // The SDK's own parser has the last word: a line it cannot read would stop its reader for good.
      try {
        McpSchema.deserializeJsonRpcMessage(McpJsonDefaults.getMapper(), text);
      } catch (IOException | RuntimeException e) {
        problem = "the SDK cannot read it as a JSON-RPC message";
      }
    }
    if (problem != null) {
      LOG.warn("Answered an input line that is no JSON-RPC message: {}", problem);
      answerError(id, INVALID_REQUEST, "Invalid Request: " + problem + ".");
      return null;
    }
    // The SDK also ends a line at a bare carriage return; inside JSON it can only be whitespace.
    String cleaned = text.indexOf('\r') < 0 ? text : text.replace('\r', ' ');
    return (cleaned + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private void answerError(JsonNode id, int code, String message) {
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    answer.put("jsonrpc", "2.0");
    answer.set("id", id == null ? JsonNodeFactory.instance.nullNode() : id);
    answer.putObject("error").put("code", code).put("message", message);
    try {
      byte[] bytes = (JSON.writeValueAsString(answer) + "\n").getBytes(StandardCharsets.UTF_8);
      // The SDK's transport writes each message while holding this same lock.
      synchronized (out) {
        out.write(bytes);
        out.flush();
      }
    } catch (IOException e) {
      LOG.debug("Could not answer a bad input line; the client has gone", e);
    }
  }
}
