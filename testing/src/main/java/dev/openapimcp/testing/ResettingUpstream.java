package dev.openapimcp.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback API on a raw socket that breaks connections mid-response, which {@code
 * com.sun.net.httpserver} cannot: the first {@code resets} connections get the response headers
 * and part of the promised body, then the socket is closed; later ones get {@code 200} with
 * {@link #BODY}. Each connection carries one request.
 */
public final class ResettingUpstream implements AutoCloseable {

  /** The body of the answers that complete. */
  public static final String BODY = "{\"ok\":true}";

  private final ServerSocket socket;
  private final int resets;
  private final AtomicInteger connections = new AtomicInteger();
  private final Thread acceptor;

  private ResettingUpstream(ServerSocket socket, int resets) {
    this.socket = socket;
    this.resets = resets;
    this.acceptor = new Thread(this::acceptAll, "resetting-upstream");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Breaks the first {@code resets} connections ({@link Integer#MAX_VALUE}: all of them). */
  public static ResettingUpstream start(int resets) {
    try {
      return new ResettingUpstream(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), resets);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  /** Connections accepted so far, one per request. */
  public int connections() {
    return connections.get();
  }

  private void acceptAll() {
    while (!socket.isClosed()) {
      try (Socket connection = socket.accept()) {
        int number = connections.incrementAndGet();
        readRequest(connection.getInputStream());
        OutputStream out = connection.getOutputStream();
        if (number <= resets) {
          out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"partial\":")
              .getBytes(StandardCharsets.US_ASCII));
          out.flush();
          // Closing with the promised body unsent: the client sees the connection break mid-response.
        } else {
          out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + BODY.length()
              + "\r\nConnection: close\r\n\r\n" + BODY).getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
      } catch (IOException e) {
        // Closed by close(), or the client went away; the loop condition decides.
      }
    }
  }

  /** Reads the head and a Content-Length body, so the client has sent everything before we answer. */
  private static void readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return;
      }
      head.write(b);
    }
    for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        in.readNBytes(Integer.parseInt(line.substring("content-length:".length()).strip()));
      }
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Already closed.
    }
  }
}
