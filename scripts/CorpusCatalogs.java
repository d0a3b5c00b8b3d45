import dev.openapimcp.generator.GenerationTool;
import dev.openapimcp.generator.GeneratorConfig;
import dev.openapimcp.generator.ServedApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Prints one line per spec under the given folders: its path below the folder's parent, a digest of the
 * catalog a server would serve (tools, server defaults) and the number of tools, or ERR and the one-sentence
 * error. Two builds' outputs differ exactly where their catalogs do. Used by scripts/corpus-catalogs.sh.
 */
public final class CorpusCatalogs {

  /** Larger specs (Microsoft Graph, 16 to 47 MB) take most of the time and are left out. */
  private static final long MAX_BYTES = 4_000_000;
  private static final Set<String> NOT_SPECS = Set.of("package.json", "package-lock.json", "tsconfig.json");

  public static void main(String[] folders) throws Exception {
    int specs = 0;
    int errors = 0;
    long tools = 0;
    long started = System.nanoTime();
    for (String folder : folders) {
      Path root = Path.of(folder).toAbsolutePath().normalize();
      for (Path spec : specs(root)) {
        String shown = root.getParent().relativize(spec).toString();
        String line;
        try {
          ServedApi served = GenerationTool.served(GeneratorConfig.builder(spec.toString()).build(), null);
          tools += served.catalog().tools().size();
          line = digest(served.catalog().toString() + "\n" + served.instructions() + "\n" + served.rateLimit() + "\n"
              + served.notFoundHint()) + "\t" + served.catalog().tools().size();
        } catch (Exception | StackOverflowError e) {
          errors++;
          line = "ERR\t" + String.valueOf(e.getMessage()).replace(spec.toString(), shown).replaceAll("\\s+", " ");
        }
        specs++;
        System.out.println(shown + "\t" + line);
      }
    }
    System.err.printf("%d specs, %d tools, %d errors, %d s%n", specs, tools, errors,
        (System.nanoTime() - started) / 1_000_000_000);
  }

  private static List<Path> specs(Path root) throws IOException {
    List<Path> specs = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.matches(".*\\.(json|ya?ml)") && !NOT_SPECS.contains(name) && Files.size(file) < MAX_BYTES) {
          specs.add(file);
        }
      }
    }
    return specs;
  }

  private static String digest(String text) throws Exception {
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(hash, 0, 8);
  }
}
