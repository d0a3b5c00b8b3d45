/**
 * Reads the environment once at start and fails fast: {@code OPENAPI_MCP_HEADERS}, the catalog's
 * token variable and {@code BASE_URL}. Messages name the fault and its position, never the value,
 * because these variables hold credentials.
 */
package dev.openapimcp.runtime.internal.config;
