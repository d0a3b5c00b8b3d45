/**
 * Sends requests to the API with {@code java.net.http}: one client per server, created on the first
 * call so start-up stays fast, with connect and request time limits and a cap on response size.
 */
package dev.openapimcp.runtime.internal.upstream;
