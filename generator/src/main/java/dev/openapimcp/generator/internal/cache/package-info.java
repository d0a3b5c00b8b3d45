/**
 * Incremental generation: a fingerprint of everything the output depends on (spec files, config,
 * generator build), so a build regenerates when the spec changes, and only then. The same
 * fingerprint names the converted catalogs {@code openapi-mcp serve} keeps ({@link
 * dev.openapimcp.generator.internal.cache.CatalogCache}); the spec's hash is remembered with the
 * file's identity ({@link dev.openapimcp.generator.internal.cache.FileHashes}) so a later start need
 * not read the spec at all.
 */
package dev.openapimcp.generator.internal.cache;
