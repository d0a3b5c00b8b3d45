/**
 * The entry points generated servers call: {@link dev.openapimcp.runtime.server.ServerCommand} for
 * a {@code main} method, {@link dev.openapimcp.runtime.server.McpProxyServer} to embed or test the
 * same server without a command line, on stdio or, with {@link
 * dev.openapimcp.runtime.server.HttpOptions}, Streamable HTTP.
 */
package dev.openapimcp.runtime.server;
