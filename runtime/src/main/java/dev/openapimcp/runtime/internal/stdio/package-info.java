/**
 * Keeps the stdio transport serving whatever a client writes: {@link
 * dev.openapimcp.runtime.internal.stdio.JsonRpcInputFilter} answers lines that are not JSON-RPC
 * messages itself, because the SDK's reader stops at the first one.
 */
package dev.openapimcp.runtime.internal.stdio;
