package dev.openapimcp.runtime.settings;

import java.util.Objects;

/**
 * A setting's value is out of range. The message names the setting as its builder method is named
 * ({@code port must be from 0 to 65535.}); the command line shows the same rule under the flag's
 * name instead, from its flag table.
 */
public final class InvalidSettingException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String setting;
  private final String rule;

  /**
   * @param setting the setting's name, as its builder method is named
   * @param rule what the value must be, as a sentence without subject or full stop: {@code must be
   *     from 0 to 65535}; it never quotes a secret value
   */
  public InvalidSettingException(String setting, String rule) {
    super(setting + " " + rule + ".");
    this.setting = Objects.requireNonNull(setting, "setting");
    this.rule = Objects.requireNonNull(rule, "rule");
  }

  /** The setting's name, such as {@code port}. */
  public String setting() {
    return setting;
  }

  /** What the value must be, such as {@code must be from 0 to 65535}. */
  public String rule() {
    return rule;
  }
}
