package dev.openapimcp.runtime.internal.http;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;

/**
 * The response the SDK's servlet writes to, holding back its errors: an error status ({@code
 * sendError}, or {@code setStatus} of 400 or more) is recorded instead of set, and what the servlet
 * writes after it is dropped, so {@link McpEndpointFilter} can answer with its own body. Everything
 * else goes through unchanged.
 */
final class ErrorCapturingResponse extends HttpServletResponseWrapper {

  private int errorStatus;

  ErrorCapturingResponse(HttpServletResponse response) {
    super(response);
  }

  /** The error status the servlet answered with, or 0 for none. */
  int errorStatus() {
    return errorStatus;
  }

  @Override
  public void sendError(int status) {
    errorStatus = status;
  }

  @Override
  public void sendError(int status, String message) {
    // The message is the servlet's, and may quote what the client sent: it is not used.
    errorStatus = status;
  }

  @Override
  public void setStatus(int status) {
    if (status >= 400) {
      errorStatus = status;
    } else {
      super.setStatus(status);
    }
  }

  @Override
  public int getStatus() {
    return errorStatus != 0 ? errorStatus : super.getStatus();
  }

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    return errorStatus != 0 ? new Discarding() : super.getOutputStream();
  }

  @Override
  public PrintWriter getWriter() throws IOException {
    return errorStatus != 0 ? new PrintWriter(OutputStream.nullOutputStream()) : super.getWriter();
  }

  @Override
  public void flushBuffer() throws IOException {
    if (errorStatus == 0) {
      super.flushBuffer();
    }
  }

  /** Where an error body the servlet writes goes. */
  private static final class Discarding extends ServletOutputStream {

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      throw new IllegalStateException("Error bodies are written synchronously");
    }

    @Override
    public void write(int b) {
      // Dropped.
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      // Dropped.
    }
  }
}
