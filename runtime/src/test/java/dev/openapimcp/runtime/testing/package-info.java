/**
 * Test support other modules can reuse through the runtime's {@code test-jar}: a loopback HTTP
 * upstream that records requests ({@link dev.openapimcp.runtime.testing.RecordingUpstream}), a line
 * based JSON-RPC driver ({@link dev.openapimcp.runtime.testing.JsonRpcLines}), Streamable HTTP
 * clients, SDK and raw ({@link dev.openapimcp.runtime.testing.McpHttp}), faults and time for
 * retry tests (a loopback API that breaks connections mid-answer, {@link
 * dev.openapimcp.runtime.testing.ResettingUpstream}, and a clock that only moves when slept on,
 * {@link dev.openapimcp.runtime.testing.VirtualTime}) and a small tool catalog with a {@code main}
 * for server subprocesses.
 */
package dev.openapimcp.runtime.testing;
