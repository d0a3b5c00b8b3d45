/**
 * Turns what the API answered (or why it could not be reached) into an MCP tool result ({@link
 * dev.openapimcp.runtime.internal.result.ResultMapper}): by the answer's media type, JSON as text plus
 * structured content, images as image content, other binary answers as embedded resources, long text
 * cut with a note; an error answer as {@code isError} with the status, the API's own code and
 * message, hints for 401 and 404 ({@link dev.openapimcp.runtime.internal.result.ErrorHints}) and how
 * often the call was tried; a failure naming the unreachable {@code host:port} and why.
 */
package dev.openapimcp.runtime.internal.result;
