/**
 * Test support every module's tests share (never shipped): a loopback HTTP API that records requests
 * ({@link dev.openapimcp.testing.RecordingUpstream}) or breaks connections mid-answer ({@link
 * dev.openapimcp.testing.ResettingUpstream}), MCP clients over stdio ({@link
 * dev.openapimcp.testing.JsonRpcLines}) and Streamable HTTP ({@link dev.openapimcp.testing.McpHttp}),
 * server subprocesses ({@link dev.openapimcp.testing.ServerProcess}), a small tool catalog ({@link
 * dev.openapimcp.testing.TestCatalog}), small specs written as a test needs them ({@link
 * dev.openapimcp.testing.SpecYaml}), spec files and repository paths ({@link dev.openapimcp.testing.SpecFixtures},
 * {@link dev.openapimcp.testing.RepoFiles}) and javac for
 * generated sources ({@link dev.openapimcp.testing.GeneratedSources}).
 */
package dev.openapimcp.testing;
