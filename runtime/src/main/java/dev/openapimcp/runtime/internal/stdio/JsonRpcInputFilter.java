package dev.openapimcp.runtime.internal.stdio;

import com.fasterxml.jackson.core.JsonParser;
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
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands between stdin and the stdio transport and lets through only lines the SDK can read as
 * JSON-RPC messages ({@link #nextLine()}, or as a stream of those lines). The SDK stops reading for
 * good at the first line it cannot read, which would leave a client talking to a server that no
 * longer listens; this filter answers such a line itself, as JSON-RPC says:
 *
 * <ul>
 *   <li>not JSON: {@code -32700 Parse error} with id {@code null};
 *   <li>JSON but no JSON-RPC message (an array, no {@code method}/{@code result}/{@code error}, a
 *       wrong {@code jsonrpc}, {@code id} or {@code method}), or a line over the size limit: {@code
 *       -32600 Invalid Request}, with the message's id when it has a usable one;
 *   <li>more than one JSON value on a line, or text after the value: see below;
 *   <li>blank lines: skipped.
 * </ul>
 *
 * <p>A line holding two JSON objects ({@code {...}{...}}) used to pass with the second silently
 * dropped (Jackson reads the first value and ignores the rest). MCP's stdio transport frames
 * messages by newlines ("messages are delimited by newlines, and MUST NOT contain embedded
 * newlines"), so one line is one message, and RFC 8259 makes a JSON text exactly one value: such a
 * line is no message at all. Neither part is processed, since running one and not the other would
 * guess what the client meant (and could run a write the client is told failed). Each part that
 * carries a usable id is answered with its own {@code -32600} naming the framing rule, because
 * JSON-RPC's parse error has a null id and a client waiting for those ids would wait forever; a line
 * whose parts carry no id gets one {@code -32700}. The reference SDKs (TypeScript, Python) refuse
 * such a line as unparsable too.
 *
 * <p>Answers are written to the transport's output while holding its lock, as the transport does,
 * so lines never interleave. Unknown methods pass through: the SDK answers them with {@code -32601}.
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

  /** The current accepted line with its newline, handed out by {@link #read}. */
  private byte[] line = new byte[0];
  private int linePosition;

  /**
   * An accepted line.
   *
   * @param text the line without its end, one JSON-RPC message
   * @param message the SDK's reading of it
   */
  public record Line(String text, McpSchema.JSONRPCMessage message) {}

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
    if (linePosition < line.length) {
      return true;
    }
    Line next = nextLine();
    if (next == null) {
      return false;
    }
    line = (next.text() + "\n").getBytes(StandardCharsets.UTF_8);
    linePosition = 0;
    return true;
  }

  /**
   * The next line that holds a JSON-RPC message, after answering the lines before it that do not;
   * {@code null} at the end of input. Not to be mixed with {@link #read}.
   */
  public Line nextLine() throws IOException {
    while (true) {
      ByteArrayOutputStream next = new ByteArrayOutputStream();
      Boolean complete = readLine(next);
      if (complete == null) {
        return null;
      }
      if (!complete) {
        LOG.warn("Refused an input line longer than {} bytes", maxLineBytes);
        answerError(null, INVALID_REQUEST, "Invalid Request: the message is longer than " + maxLineBytes + " bytes.");
        continue;
      }
      Line accepted = accept(next.toByteArray());
      if (accepted != null) {
        return accepted;
      }
    }
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

  /** The line to hand on; {@code null} when it was answered or skipped. */
  private Line accept(byte[] raw) {
    int length = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
    String text = new String(raw, 0, length, StandardCharsets.UTF_8);
    if (text.isBlank()) {
      return null;
    }
    JsonNode message;
    boolean more;
    try (JsonParser parser = JSON.createParser(text)) {
      message = JSON.readTree(parser);
      more = followedByMore(parser);
    } catch (IOException e) {
      LOG.warn("Answered an input line that is not JSON ({} bytes) with a parse error", raw.length);
      answerError(null, PARSE_ERROR, "Parse error: the line is not valid JSON.");
      return null;
    }
    if (more) {
      answerSeveral(text, raw.length);
      return null;
    }
    String problem = JsonRpcShape.problem(message, "line");
    JsonNode id = JsonRpcShape.id(message);
    McpSchema.JSONRPCMessage parsed = null;
    if (problem == null) {
      // The SDK's own parser has the last word: a line it cannot read would stop its reader for good.
      try {
        parsed = McpSchema.deserializeJsonRpcMessage(McpJsonDefaults.getMapper(), text);
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
    return new Line(cleaned, parsed);
  }

  /** Whether anything but whitespace follows the value just read. */
  private static boolean followedByMore(JsonParser parser) {
    try {
      return parser.nextToken() != null;
    } catch (IOException e) {
      return true;
    }
  }

  /**
   * Answers a line with more than one JSON value, or text after one (see the class comment): each
   * value with a usable id gets {@code -32600} with that id; without any, the line gets {@code -32700}.
   */
  private void answerSeveral(String text, int bytes) {
    List<JsonNode> ids = new ArrayList<>();
    int values = 0;
    try (JsonParser parser = JSON.createParser(text)) {
      while (parser.nextToken() != null) {
        JsonNode value = JSON.readTree(parser);
        values++;
        JsonNode id = JsonRpcShape.id(value);
        if (id != null) {
          ids.add(id);
        }
      }
    } catch (IOException e) {
      // Text that is not JSON follows; the values before it have been counted.
    }
    String what = values > 1
        ? "the line holds " + values + " JSON values"
        : "text follows the JSON value on the line";
    LOG.warn("Answered an input line of {} bytes that is not one message: {}", bytes, what);
    if (ids.isEmpty()) {
      answerError(null, PARSE_ERROR, "Parse error: " + what + "; MCP's stdio transport carries exactly one JSON-RPC"
          + " message per line.");
      return;
    }
    for (JsonNode id : ids) {
      answerError(id, INVALID_REQUEST, "Invalid Request: " + what + ", but MCP's stdio transport carries exactly one"
          + " message per line; nothing on the line was processed.");
    }
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
