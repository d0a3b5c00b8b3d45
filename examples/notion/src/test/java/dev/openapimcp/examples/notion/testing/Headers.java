package dev.openapimcp.examples.notion.testing;

import dev.openapimcp.testing.RecordingUpstream.RecordedRequest;
import java.util.List;

/** Header checks on recorded requests. */
public final class Headers {

  private Headers() {}

  /**
   * The value of header {@code name}, {@code null} when absent. Fails when it arrived more than once:
   * a header sent twice (say one {@code Notion-Version} from the environment and one from the spec)
   * is a bug even when the first value looks right.
   */
  public static String single(RecordedRequest request, String name) {
    List<String> values = request.headers().get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw new AssertionError(name + " arrived " + values.size() + " times: " + values + " in " + request.method()
          + " " + request.target());
    }
    return values.get(0);
  }
}
