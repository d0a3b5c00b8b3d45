package dev.openapimcp.maven;

/**
 * A tool call of {@code package-server}'s training run, so the classes a call needs are archived
 * too: {@code <trainingCall><tool>getPet</tool><arguments>{"petId": "1"}</arguments></trainingCall>}.
 * The call goes to a loopback stand-in for the API that answers {@code 200 {}}.
 */
public class TrainingCall {

  /** The tool's name, prefix included. */
  private String tool;

  /** Its arguments, a JSON object; none when absent. */
  private String arguments;

  public String getTool() {
    return tool;
  }

  public void setTool(String tool) {
    this.tool = tool;
  }

  public String getArguments() {
    return arguments;
  }

  public void setArguments(String arguments) {
    this.arguments = arguments;
  }
}
