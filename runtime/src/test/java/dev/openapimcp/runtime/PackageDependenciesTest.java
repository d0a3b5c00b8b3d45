package dev.openapimcp.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runtime's packages depend on each other one way only, read from the imports of its sources:
 * the tool seam and the settings at the bottom, the transports above the call path, the server
 * package wiring them. A cycle makes every package in it change with every other.
 */
class PackageDependenciesTest {

  private static final Path SOURCES = Path.of("src/main/java/dev/openapimcp/runtime");
  private static final Pattern IMPORT =
      Pattern.compile("^import dev\\.openapimcp\\.runtime\\.([\\w.]+);", Pattern.MULTILINE);

  /** Package (relative to {@code dev.openapimcp.runtime}) to the packages it imports from. */
  private static Map<String, Set<String>> dependencies;

  @BeforeAll
  static void readImports() throws IOException {
    Map<String, Set<String>> graph = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(SOURCES)) {
      files = walk.filter(file -> file.toString().endsWith(".java")).toList();
    }
    for (Path file : files) {
      graph.computeIfAbsent(packageOf(file), name -> new TreeSet<>());
    }
    for (Path file : files) {
      String from = packageOf(file);
      Matcher imported = IMPORT.matcher(Files.readString(file));
      while (imported.find()) {
        String to = longestPackagePrefix(imported.group(1), graph.keySet());
        if (!to.equals(from)) {
          graph.get(from).add(to);
        }
      }
    }
    dependencies = graph;
  }

  private static String packageOf(Path file) {
    return SOURCES.relativize(file.getParent()).toString().replace(file.getFileSystem().getSeparator(), ".");
  }

  /** The package of an imported class (a nested class's too). */
  private static String longestPackagePrefix(String name, Set<String> packages) {
    for (int dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
      if (packages.contains(name.substring(0, dot))) {
        return name.substring(0, dot);
      }
    }
    throw new AssertionError("An import of an unknown runtime package: " + name);
  }

  @Test
  void noPackageDependsOnItselfThroughOthers() {
    List<String> cycle = new ArrayList<>();
    Set<String> done = new TreeSet<>();
    for (String start : dependencies.keySet()) {
      if (findCycle(start, new ArrayList<>(), done, cycle)) {
        break;
      }
    }

    assertThat(cycle).as("a cycle of package dependencies").isEmpty();
  }

  private static boolean findCycle(String node, List<String> path, Set<String> done, List<String> cycle) {
    if (path.contains(node)) {
      cycle.addAll(path.subList(path.indexOf(node), path.size()));
      cycle.add(node);
      return true;
    }
    if (done.contains(node)) {
      return false;
    }
    path.add(node);
    for (String next : dependencies.get(node)) {
      if (findCycle(next, path, done, cycle)) {
        return true;
      }
    }
    path.remove(path.size() - 1);
    done.add(node);
    return false;
  }

  @Test
  void theToolSeamAndTheSettingsDependOnNothingElseOfTheRuntime() {
    assertThat(dependencies.get("internal.tool")).isEmpty();
    assertThat(dependencies.get("settings")).isEmpty();
  }

  @Test
  void theSdkBridgeAndTheDiscoveryToolsSeeHandlersOnlyNotTheCallPath() {
    // Resources are read through handlers too: the SDK bridge may see them, they see the seam only.
    assertThat(dependencies.get("internal.mcp")).containsOnly("internal.tool", "internal.resource");
    assertThat(dependencies.get("internal.resource")).containsOnly("internal.tool");
    assertThat(dependencies.get("internal.discovery")).doesNotContain("internal.call", "internal.upstream");
  }

  @Test
  void onlyTheServerPackageIsAboveTheTransports() {
    dependencies.forEach((from, to) -> {
      if (!from.equals("server")) {
        assertThat(to).as(from).doesNotContain("server", "internal.stdio", "internal.http");
      }
    });
  }
}
