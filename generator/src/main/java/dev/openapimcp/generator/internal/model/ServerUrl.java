package dev.openapimcp.generator.internal.model;

import dev.openapimcp.generator.GenerationException;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.servers.ServerVariable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The server URL the tools call, with its {@code {variables}} filled in. It is the spec's first
 * server entry, unless values were given for variables only another entry declares: then it is the
 * first entry that declares them all (a spec listing {@code https://api.example.com} first and
 * {@code https://{region}.example.com} second, given {@code region=eu}, means the second). A value
 * for a variable no entry declares is an error rather than silently ignored, as it was.
 */
final class ServerUrl {

  private ServerUrl() {}

  /**
   * The URL, possibly relative to the spec's own address; {@code "/"} when the spec has no servers.
   *
   * @param values the user's values by variable name; the others keep their defaults
   * @throws GenerationException when a value names no variable of any entry, or the named variables
   *     are not all declared by one entry
   */
  static String of(List<Server> servers, Map<String, String> values) throws GenerationException {
    List<Server> entries = servers == null ? List.of() : servers.stream().filter(s -> s.getUrl() != null).toList();
    Server chosen = entries.isEmpty() ? null : entries.get(0);
    if (!values.isEmpty()) {
      chosen = entries.stream().filter(entry -> variables(entry).containsAll(values.keySet())).findFirst()
          .orElseThrow(() -> unknown(entries, values.keySet()));
    }
    if (chosen == null) {
      return "/";
    }
    String url = chosen.getUrl();
    if (chosen.getVariables() != null) {
      for (Map.Entry<String, ServerVariable> variable : chosen.getVariables().entrySet()) {
        String value = values.getOrDefault(variable.getKey(),
            variable.getValue() == null || variable.getValue().getDefault() == null
                ? "" : variable.getValue().getDefault());
        url = url.replace("{" + variable.getKey() + "}", value);
      }
    }
    return url;
  }

  private static Set<String> variables(Server entry) {
    return entry.getVariables() == null ? Set.of() : entry.getVariables().keySet();
  }

  private static GenerationException unknown(List<Server> entries, Set<String> given) {
    Set<String> known = new LinkedHashSet<>();
    entries.forEach(entry -> known.addAll(variables(entry)));
    List<String> missing = given.stream().filter(name -> !known.contains(name)).toList();
    if (!missing.isEmpty()) {
      return GenerationException.at(null, "#/servers", (missing.size() == 1
          ? "no server URL has a variable named '" + missing.get(0) + "'"
          : "no server URL has variables named " + quoted(missing))
          + "; " + (known.isEmpty()
              ? "the spec's server URLs have no variables"
              : "the variables are " + quoted(new ArrayList<>(known))));
    }
    List<String> owners = new ArrayList<>();
    for (Server entry : entries) {
      List<String> declared = variables(entry).stream().filter(given::contains).toList();
      if (!declared.isEmpty()) {
        owners.add(entry.getUrl() + " has " + quoted(declared));
      }
    }
    return GenerationException.at(null, "#/servers", "no one server URL has all the variables given values ("
        + quoted(new ArrayList<>(given)) + "); give values for the variables of one of them: "
        + String.join(", ", owners));
  }

  private static String quoted(List<String> names) {
    List<String> quoted = names.stream().map(name -> "'" + name + "'").toList();
    return quoted.size() == 1 ? quoted.get(0)
        : String.join(", ", quoted.subList(0, quoted.size() - 1)) + " and " + quoted.get(quoted.size() - 1);
  }
}
