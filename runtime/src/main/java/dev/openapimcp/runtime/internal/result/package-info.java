/**
 * Turns what the API answered (or why it could not be reached) into an MCP tool result: JSON as
 * text plus structured content, images as image content, other binary answers as embedded
 * resources, long text cut with a note; and {@code isError} with the status, the API's own code and
 * message, hints for 401 and 404 ({@link dev.openapimcp.runtime.internal.result.ErrorHints}), how
 * often the call was tried, or the unreachable {@code host:port}.
 */
package dev.openapimcp.runtime.internal.result;
