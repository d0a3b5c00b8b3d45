/**
 * Step 3 of the pipeline: write tool definitions as Java sources with JavaPoet. Output is
 * deterministic (same spec, same bytes) and stays within the class-file limits for specs with
 * thousands of operations.
 */
package dev.openapimcp.generator.internal.emit;
