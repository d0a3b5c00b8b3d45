/**
 * Discovery mode for APIs too large for a model's context: three tools to search, describe and
 * invoke operations instead of one tool per operation, optionally beside a curated set of tools.
 */
package dev.openapimcp.runtime.internal.discovery;
