package dev.openapimcp.runtime.internal.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;

/**
 * Wraps a transport provider to learn when its session ends. The SDK's stdio transport closes the
 * session when input ends (the client went away) or an unreadable message stops its reader, but
 * tells no one; the process must then exit instead of waiting forever.
 */
public final class SessionEndSignal implements McpServerTransportProvider {

  private final McpServerTransportProvider delegate;
  private final CountDownLatch ended = new CountDownLatch(1);

  public SessionEndSignal(McpServerTransportProvider delegate) {
    this.delegate = delegate;
  }

  /** Blocks until the session has ended. */
  public void await() throws InterruptedException {
    ended.await();
  }

  /** Blocks until the session has ended or {@code timeout} passed; whether it ended. */
  public boolean await(Duration timeout) throws InterruptedException {
    return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Marks the session as ended (also used when the server is closed from outside). */
  public void signal() {
    ended.countDown();
  }

  @Override
  public void setSessionFactory(McpServerSession.Factory sessionFactory) {
    delegate.setSessionFactory(transport -> sessionFactory.create(new ObservedTransport(transport)));
  }

  @Override
  public Mono<Void> notifyClients(String method, Object params) {
    return delegate.notifyClients(method, params);
  }

  @Override
  public Mono<Void> notifyClient(String sessionId, String method, Object params) {
    return delegate.notifyClient(sessionId, method, params);
  }

  @Override
  public Mono<Void> closeGracefully() {
    return delegate.closeGracefully();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public List<String> protocolVersions() {
    return delegate.protocolVersions();
  }

  /** The session's transport, reporting its closing. */
  private final class ObservedTransport implements McpServerTransport {

    private final McpServerTransport transport;

    ObservedTransport(McpServerTransport transport) {
      this.transport = transport;
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
      return transport.sendMessage(message);
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
      return transport.unmarshalFrom(data, typeRef);
    }

    @Override
    public Mono<Void> closeGracefully() {
      return transport.closeGracefully().doFinally(signalType -> signal());
    }

    @Override
    public void close() {
      try {
        transport.close();
      } finally {
        signal();
      }
    }

    @Override
    public List<String> protocolVersions() {
      return transport.protocolVersions();
    }
  }
}
