/**
 * This server's own limits, which keep a busy server answering: at most so many tool calls at once
 * per transport ({@link dev.openapimcp.runtime.internal.capacity.CallLimiter}), answers counted
 * against a share of the heap ({@link dev.openapimcp.runtime.internal.capacity.MemoryBudget}), at
 * most so many requests a second to the API per credential ({@link
 * dev.openapimcp.runtime.internal.capacity.RateLimiter}), a clear error for whatever is over one of
 * them ({@link dev.openapimcp.runtime.internal.capacity.LocalLimitException}), and an exit instead of
 * a zombie when the heap runs out all the same ({@link
 * dev.openapimcp.runtime.internal.capacity.OutOfMemoryExit}).
 */
package dev.openapimcp.runtime.internal.capacity;
