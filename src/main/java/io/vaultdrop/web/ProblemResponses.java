package io.vaultdrop.web;

import io.vaultdrop.errors.DomainException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Writes {@code application/problem+json} responses outside Spring MVC's exception handling: from
 * filters, security entry points and access-denied handlers.
 */
public interface ProblemResponses {

  /** The generic problem for {@code status}, its {@code code} derived from the status. */
  void write(HttpServletResponse response, int status) throws IOException;

  /** The problem for a feature's exception. */
  void write(HttpServletResponse response, DomainException exception) throws IOException;
}
