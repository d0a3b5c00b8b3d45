/**
 * {@code --confirm}: the user approves a call before it is sent, asked through the client of the
 * request that carried it (MCP elicitation, whichever lane serves the request).
 */
package dev.openapimcp.runtime.internal.confirm;
