/**
 * The Streamable HTTP transport: the MCP SDK's servlet transports (stateful sessions, or stateless
 * for deployments behind a load balancer) in embedded Tomcat at {@code /mcp}, guarded in this
 * order by a drain gate for graceful shutdown, a DNS-rebinding check of {@code Host} and {@code
 * Origin}, bearer authentication and per-request token passthrough; plus {@code /healthz}.
 *
 * <p>Nothing here logs a header value: tokens are compared, forwarded or refused, never printed.
 */
package dev.openapimcp.runtime.internal.http;
