/**
 * MCP over stdio: {@link dev.openapimcp.runtime.internal.stdio.StdioServerTransport}, one session on
 * the process's input and output that answers every request it read before it ends and streams
 * answers onto the output; and {@link dev.openapimcp.runtime.internal.stdio.JsonRpcInputFilter},
 * which answers lines that are not JSON-RPC messages itself, because the SDK's reader stops at the
 * first one.
 */
package dev.openapimcp.runtime.internal.stdio;
