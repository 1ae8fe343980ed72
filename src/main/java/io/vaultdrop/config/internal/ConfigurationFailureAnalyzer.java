package io.vaultdrop.config.internal;

import io.vaultdrop.config.InvalidSettingException;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.validation.FieldError;

/**
 * Turns a configuration binding failure of a {@code vaultdrop.*} setting into one line that names
 * the environment variable (and property) at fault.
 *
 * <p>Security decision: the offending value is never printed, because it may be a key or a password
 * (for example {@code VAULTDROP_MASTER_KEY}).
 */
public final class ConfigurationFailureAnalyzer implements FailureAnalyzer, Ordered {

  private static final String PREFIX = "vaultdrop";
  private static final String ACTION = "Correct or unset that setting and start Vaultdrop again.";

  @Override
  public FailureAnalysis analyze(Throwable failure) {
    BindException bind = findCause(failure, BindException.class);
    if (bind == null || !isOurs(bind.getName())) {
      InvalidSettingException invalid = findCause(failure, InvalidSettingException.class);
      return invalid == null
          ? null
          : new FailureAnalysis("Invalid configuration: " + invalid.getMessage(), ACTION, failure);
    }
    BindValidationException validation = findCause(bind, BindValidationException.class);
    String description =
        validation != null ? describeValidation(bind.getName(), validation) : describe(bind);
    return new FailureAnalysis("Invalid configuration: " + description, ACTION, failure);
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  private static String describe(BindException bind) {
    InvalidSettingException ours = findCause(bind, InvalidSettingException.class);
    if (ours != null) {
      return ours.getMessage();
    }
    // Conversion failures may quote the value, so they get a generic reason naming the type.
    return settingName(bind.getName())
        + " is not "
        + expected(bind.getTarget().getType().resolve(Object.class));
  }

  private static String expected(Class<?> type) {
    return switch (type.getSimpleName()) {
      case "DataSize" -> "a size such as 10GB";
      case "Duration" -> "a duration such as PT1H or 1h";
      case "boolean", "Boolean" -> "true or false";
      case "URI", "URL" -> "an absolute URL";
      case "int", "Integer", "long", "Long" -> "a whole number";
      default -> "a valid " + type.getSimpleName().toLowerCase(Locale.ROOT);
    };
  }

  private static String describeValidation(
      ConfigurationPropertyName name, BindValidationException validation) {
    return validation.getValidationErrors().getAllErrors().stream()
        .map(
            error ->
                error instanceof FieldError field
                    ? settingName(name.append(toKebab(field.getField())))
                        + " "
                        + field.getDefaultMessage()
                    : settingName(name) + " " + error.getDefaultMessage())
        .collect(Collectors.joining("; "));
  }

  /** Names a setting both ways an operator may have written it: variable and property. */
  static String settingName(ConfigurationPropertyName name) {
    String variable = name.toString().replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    return variable + " (" + name + ")";
  }

  private static boolean isOurs(ConfigurationPropertyName name) {
    return name != null && name.toString().startsWith(PREFIX);
  }

  private static String toKebab(String field) {
    return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  private static <E extends Throwable> E findCause(Throwable failure, Class<E> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
    }
    return null;
  }
}
