package io.vaultdrop.web.errors;

import java.util.ArrayList;
import java.util.List;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

/** Field names and constraint names of a failed validation: never the rejected values. */
final class ValidationErrors {

  /** One invalid field: its name and the violated constraint (e.g. {@code NotBlank}). */
  record FieldProblem(String field, String reason) {}

  private ValidationErrors() {}

  static List<FieldProblem> of(Errors result) {
    List<FieldProblem> problems = new ArrayList<>();
    for (FieldError error : result.getFieldErrors()) {
      problems.add(new FieldProblem(error.getField(), reason(error)));
    }
    result
        .getGlobalErrors()
        .forEach(error -> problems.add(new FieldProblem(error.getObjectName(), reason(error))));
    return problems;
  }

  static List<FieldProblem> of(HandlerMethodValidationException ex) {
    List<FieldProblem> problems = new ArrayList<>();
    for (ParameterValidationResult result : ex.getParameterValidationResults()) {
      if (result instanceof ParameterErrors errors) {
        problems.addAll(of(errors));
        continue;
      }
      String name = result.getMethodParameter().getParameterName();
      for (MessageSourceResolvable error : result.getResolvableErrors()) {
        problems.add(new FieldProblem(name == null ? "parameter" : name, reason(error)));
      }
    }
    return problems;
  }

  /** The least specific code, e.g. {@code NotBlank} out of {@code NotBlank.user.email}. */
  private static String reason(MessageSourceResolvable error) {
    String[] codes = error.getCodes();
    if (codes == null || codes.length == 0) {
      return "invalid";
    }
    String code = codes[codes.length - 1];
    return code.matches("[A-Za-z][A-Za-z0-9]{0,63}") ? code : "invalid";
  }
}
