/**
 * The seam every transport and protocol lane serves tools through: {@link
 * dev.openapimcp.runtime.internal.tool.ToolHandler} (a call's arguments and {@link
 * dev.openapimcp.runtime.internal.tool.CallContext} in, a future result out), the {@link
 * dev.openapimcp.runtime.internal.tool.PreparedTool} pairing a listed tool with its handler, and the
 * error results every layer answers with. Depends on nothing of the runtime, so everything else may
 * depend on it.
 */
package dev.openapimcp.runtime.internal.tool;
