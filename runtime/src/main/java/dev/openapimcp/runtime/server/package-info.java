/**
 * The entry points generated servers call: {@link dev.openapimcp.runtime.server.ServerCommand} for
 * a {@code main} method (flags over the server's own settings), {@link
 * dev.openapimcp.runtime.server.McpProxyServer} to embed or test the same server without a command
 * line, on stdio or Streamable HTTP as its {@link dev.openapimcp.runtime.settings.ServerSettings} say.
 */
package dev.openapimcp.runtime.server;
