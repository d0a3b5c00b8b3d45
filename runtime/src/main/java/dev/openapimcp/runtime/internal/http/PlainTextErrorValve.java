package dev.openapimcp.runtime.internal.http;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's error pages as one line of plain text, {@code 404 Not Found}: for errors no servlet
 * answered itself (an unknown path, a request Tomcat could not parse, an exception a servlet
 * threw). Tomcat's own valve writes an HTML page, and quotes the exception's or the servlet's
 * message in it; this one writes the status and its reason only.
 */
final class PlainTextErrorValve extends ErrorReportValve {

  private static final Map<Integer, String> REASONS = Map.ofEntries(
      Map.entry(400, "Bad Request"),
      Map.entry(401, "Unauthorized"),
      Map.entry(403, "Forbidden"),
      Map.entry(404, "Not Found"),
      Map.entry(405, "Method Not Allowed"),
      Map.entry(408, "Request Timeout"),
      Map.entry(411, "Length Required"),
      Map.entry(413, "Content Too Large"),
      Map.entry(414, "URI Too Long"),
      Map.entry(415, "Unsupported Media Type"),
      Map.entry(417, "Expectation Failed"),
      Map.entry(421, "Misdirected Request"),
      Map.entry(429, "Too Many Requests"),
      Map.entry(431, "Request Header Fields Too Large"),
      Map.entry(500, "Internal Server Error"),
      Map.entry(501, "Not Implemented"),
      Map.entry(503, "Service Unavailable"),
      Map.entry(505, "HTTP Version Not Supported"));

  PlainTextErrorValve() {
    setShowReport(false);
    setShowServerInfo(false);
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    // As Tomcat's valve: only errors, only when nothing was written, only once.
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    String text = status + " " + REASONS.getOrDefault(status, "Error") + "\n";
    try {
      response.setContentType("text/plain");
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(text);
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client has gone; there is nobody to tell.
    }
  }
}
