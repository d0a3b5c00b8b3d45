/**
 * The bridge to the MCP Java SDK: the SDK's server for every transport, built in one place ({@link
 * dev.openapimcp.runtime.internal.mcp.SdkServers}) from the tool handlers; the headers one HTTP
 * request brings along (a passed-through token) reaching that request's call through the SDK's
 * transport context ({@link dev.openapimcp.runtime.internal.mcp.PerRequestHeaders}); the schema
 * validator loaded on first use; and the start-up warm-up of the SDK's JSON types.
 */
package dev.openapimcp.runtime.internal.mcp;
