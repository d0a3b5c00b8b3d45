/**
 * Test support of the runtime's own tests: a server {@code main} over the test catalog for
 * subprocesses ({@link dev.openapimcp.runtime.testing.TestServerMain}) and a clock that only moves
 * when slept on ({@link dev.openapimcp.runtime.testing.VirtualTime}). What other modules reuse lives
 * in the {@code openapi-mcp-testing} module.
 */
package dev.openapimcp.runtime.testing;
