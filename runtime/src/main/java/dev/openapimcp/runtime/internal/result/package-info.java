/**
 * Turns what the API answered (or why it could not be reached) into an MCP tool result: the body as
 * received plus structured content for JSON objects, and {@code isError} with the status, the API's
 * own code and message, or the unreachable {@code host:port}.
 */
package dev.openapimcp.runtime.internal.result;
