/**
 * Step 3 of the pipeline: write tool definitions as Java sources with JavaPoet. Output is
 * deterministic (same spec, same bytes) and stays within the class-file limits for specs with
 * thousands of operations: tool classes are split by count and size, and when the tools would
 * repeat megabytes of definitions, each definition is written once into classes of their own that
 * make each tool's schema whole again as the server starts.
 */
package dev.openapimcp.generator.internal.emit;
