/**
 * The benchmarks bench/run.sh runs (not tests): our Notion server beside npm's against one loopback API
 * ({@link dev.openapimcp.bench.SideBySide}), GitHub-scale generation ({@link dev.openapimcp.bench.GithubScale}),
 * {@code openapi-mcp serve} starts ({@link dev.openapimcp.bench.ServeStarts}) and the launcher's cold starts
 * ({@link dev.openapimcp.bench.LauncherStarts}), each printing ratios against a baseline measured in the same run.
 */
package dev.openapimcp.bench;
