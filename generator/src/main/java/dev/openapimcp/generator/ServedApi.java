package dev.openapimcp.generator;

import dev.openapimcp.model.ToolCatalog;

/**
 * What a server needs of a spec besides its tools: the defaults the spec's root {@code x-mcp}
 * extension sets, which a generated server's {@code main} applies and {@code openapi-mcp serve}
 * applies alike (flags a user gives still win).
 *
 * @param catalog the tools
 * @param rateLimit requests per second the API allows ({@code x-mcp: {rateLimit: ...}}); 0 for none
 * @param instructions what the server tells clients about itself ({@code x-mcp: {instructions: ...}}), or
 *     {@code null} for the runtime's generic text
 * @param notFoundHint what the server adds to the API's 404 answers ({@code x-mcp: {notFoundHint: ...}}),
 *     or {@code null}
 */
public record ServedApi(ToolCatalog catalog, double rateLimit, String instructions, String notFoundHint) {}
