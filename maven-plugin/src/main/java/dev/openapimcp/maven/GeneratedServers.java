package dev.openapimcp.maven;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.maven.project.MavenProject;

/**
 * What the {@code generate} executions of this build produced, for {@code package-server}'s
 * defaults: each generated main class, with the {@code serverName} it was configured with (empty
 * when none). Kept in the project's context, as JDK types only (each goal may see its own class
 * realm).
 */
final class GeneratedServers {

  private static final String KEY = "dev.openapimcp.maven.generatedServers";

  private GeneratedServers() {}

  static void record(MavenProject project, String serverClass, String serverName) {
    Map<String, String> servers = of(project);
    servers.put(serverClass, serverName == null ? "" : serverName.trim());
    project.setContextValue(KEY, servers);
  }

  /** Main class → configured server name (empty when none), in the order they were generated. */
  @SuppressWarnings("unchecked")
  static Map<String, String> of(MavenProject project) {
    Object value = project.getContextValue(KEY);
    return value instanceof Map ? new LinkedHashMap<>((Map<String, String>) value) : new LinkedHashMap<>();
  }
}
