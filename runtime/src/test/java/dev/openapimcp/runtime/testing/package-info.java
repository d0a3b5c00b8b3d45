/**
 * Test support other modules can reuse through the runtime's {@code test-jar}: a loopback HTTP
 * upstream that records requests ({@link dev.openapimcp.runtime.testing.RecordingUpstream}), a line
 * based JSON-RPC driver ({@link dev.openapimcp.runtime.testing.JsonRpcLines}) and a small tool
 * catalog with a {@code main} for server subprocesses.
 */
package dev.openapimcp.runtime.testing;
