/**
 * One tool call end to end: decode arguments that arrived as JSON text, validate them against the
 * tool's input schema, build and send the request, map the answer. {@link
 * dev.openapimcp.runtime.internal.call.ToolCallHandler} never throws: every failure becomes an
 * {@code isError} result the model can read.
 */
package dev.openapimcp.runtime.internal.call;
