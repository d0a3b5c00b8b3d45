/**
 * The runnable server folder the {@code package-server} goal writes: the jars, the launchers, and
 * the class-data archive of a training run.
 */
package dev.openapimcp.maven.internal.server;
