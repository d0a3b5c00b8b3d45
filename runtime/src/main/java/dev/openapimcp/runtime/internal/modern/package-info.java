/**
 * MCP 2026-07-28 beside the SDK's 2025-11-25: a request that carries its protocol version in
 * {@code _meta} (or asks {@code server/discover}) is answered here, statelessly, over the same
 * {@link dev.openapimcp.runtime.internal.tool.ToolHandler}s the SDK serves; everything else goes to
 * the SDK. Written from the specification (modelcontextprotocol/modelcontextprotocol,
 * {@code docs/specification/2026-07-28} and {@code schema/2026-07-28/schema.ts}) until the MCP Java
 * SDK ships this revision (its issue 1010); the transports route to it message by message.
 */
package dev.openapimcp.runtime.internal.modern;
