/**
 * How a server is configured: {@link dev.openapimcp.runtime.settings.ServerSettings}, one immutable
 * object with every knob, its default and its range, built in code or from the command line.
 */
package dev.openapimcp.runtime.settings;
