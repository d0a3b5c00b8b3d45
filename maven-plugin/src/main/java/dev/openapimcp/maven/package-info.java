/** The Maven plugin: a thin {@code generate} goal over {@link dev.openapimcp.generator.GenerationTool}. */
package dev.openapimcp.maven;
