package dev.openapimcp.generator.internal.cache;

import dev.openapimcp.generator.GenerationResult;
import dev.openapimcp.model.ToolMode;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** What the last successful run produced, keyed by its fingerprint. */
public final class GenerationState {

  private GenerationState() {}

  /**
   * The last run's result if {@code stateFile} records {@code fingerprint} and every file it lists
   * still exists; otherwise {@code null}.
   */
  public static GenerationResult read(Path stateFile, Path outputDirectory, String fingerprint) {
    if (!Files.isRegularFile(stateFile)) {
      return null;
    }
    Properties state = new Properties();
    try (Reader in = Files.newBufferedReader(stateFile, StandardCharsets.UTF_8)) {
      state.load(in);
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
    if (!fingerprint.equals(state.getProperty("fingerprint"))) {
      return null;
    }
    List<Path> files = new ArrayList<>();
    for (String name : state.getProperty("files", "").split(",")) {
      Path file = outputDirectory.resolve(name);
      if (name.isEmpty() || !Files.isRegularFile(file)) {
        return null;
      }
      files.add(file);
    }
    try {
      // A state file of an older generator lacks the last two: it does not match, and the run regenerates.
      return new GenerationResult(files, Integer.parseInt(state.getProperty("tools", "0")),
          state.getProperty("serverClass", ""), true, ToolMode.parse(state.getProperty("toolMode", "")),
          Integer.parseInt(state.getProperty("toolsListBytes", "")));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Records a successful run. */
  public static void write(Path stateFile, Path outputDirectory, String fingerprint, GenerationResult result)
      throws IOException {
    List<String> names = new ArrayList<>();
    for (Path file : result.files()) {
      names.add(outputDirectory.relativize(file).toString().replace('\\', '/'));
    }
    // Written by hand, not with Properties.store: that adds a timestamp comment.
    Files.createDirectories(stateFile.toAbsolutePath().getParent());
    try (Writer out = Files.newBufferedWriter(stateFile, StandardCharsets.UTF_8)) {
      out.write("fingerprint=" + fingerprint + "\n");
      out.write("tools=" + result.toolCount() + "\n");
      out.write("serverClass=" + result.serverClass() + "\n");
      out.write("toolMode=" + result.toolMode().label() + "\n");
      out.write("toolsListBytes=" + result.toolsListBytes() + "\n");
      out.write("files=" + String.join(",", names) + "\n");
    }
  }
}
