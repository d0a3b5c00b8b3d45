/**
 * Sends requests to the API with {@code java.net.http}: one client per server, created on the first
 * call so start-up stays fast, with connect and request time limits, a cap on response size, the
 * client-side rate limit and retries of what {@link dev.openapimcp.runtime.internal.retry.RetryPolicy}
 * deems worth repeating.
 */
package dev.openapimcp.runtime.internal.upstream;
