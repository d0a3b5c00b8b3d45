/**
 * Incremental generation: a fingerprint of everything the output depends on (spec files, config,
 * generator build), so a build regenerates when the spec changes, and only then.
 */
package dev.openapimcp.generator.internal.cache;
