package dev.openapimcp.runtime.internal.http;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.res.StringManager;

/**
 * Tomcat's error pages as one line of plain text, {@code 404 Not Found}: for errors no servlet
 * answered itself (an unknown path, a request Tomcat could not parse, an exception a servlet
 * threw). Tomcat's own valve writes an HTML page, and quotes the exception's or the servlet's
 * message in it; this one writes the status and its reason only.
 */
final class PlainTextErrorValve extends ErrorReportValve {

  /** Tomcat's own reason phrases ({@code http.404.reason=Not Found}), in English. */
  private static final StringManager REASONS =
      StringManager.getManager(ErrorReportValve.class.getPackageName(), Locale.ENGLISH);

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
    String reason = REASONS.getString("http." + status + ".reason");
    String text = status + " " + (reason == null ? "Error" : reason) + "\n";
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
