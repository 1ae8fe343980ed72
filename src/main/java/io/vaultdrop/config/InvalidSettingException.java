package io.vaultdrop.config;

/**
 * A configuration value that parsed but makes no sense. The message names the setting (as its
 * environment variable) and what is expected, and must never contain the value itself: start-up
 * prints it as the one line explaining the failure.
 */
public final class InvalidSettingException extends IllegalArgumentException {

  public InvalidSettingException(String variable, String expectation) {
    super(variable + " " + expectation);
  }
}
