/**
 * The Maven plugin: a thin {@code generate} goal over {@link dev.openapimcp.generator.GenerationTool},
 * plus the download of specs published at a URL.
 */
package dev.openapimcp.maven;
