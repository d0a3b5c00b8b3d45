/**
 * What makes calls survive faults: which failures are worth repeating and how long to wait
 * ({@link dev.openapimcp.runtime.internal.retry.RetryPolicy}, honouring {@code Retry-After}), a
 * client-side token bucket per API ({@link dev.openapimcp.runtime.internal.retry.RateLimiter}), and
 * the clock both read ({@link dev.openapimcp.runtime.internal.retry.TimeSource}), which tests replace
 * so they never really wait.
 */
package dev.openapimcp.runtime.internal.retry;
