/**
 * JMH benchmarks of the in-process work (bench/run.sh jmh): one {@code tools/call}'s decoding, validation and
 * request building ({@link dev.openapimcp.bench.jmh.CallPathBenchmark}) and the {@code tools/list} answer
 * ({@link dev.openapimcp.bench.jmh.ToolsListBenchmark}), on the Notion tools.
 */
package dev.openapimcp.bench.jmh;
