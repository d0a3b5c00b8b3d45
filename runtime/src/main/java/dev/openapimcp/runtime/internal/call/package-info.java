/**
 * One tool call end to end: decode arguments that arrived as JSON text, validate them against the
 * tool's input schema, build and send the request, map the answer ({@link
 * dev.openapimcp.runtime.internal.call.ToolCallHandler}, which never throws: every failure becomes an
 * {@code isError} result the model can read); and the catalog's tools prepared once, each with its
 * handler ({@link dev.openapimcp.runtime.internal.call.CatalogTools}).
 */
package dev.openapimcp.runtime.internal.call;
