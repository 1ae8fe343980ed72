package io.vaultdrop.web.errors;

import io.vaultdrop.errors.DomainException;
import io.vaultdrop.web.ProblemResponses;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes problems outside Spring MVC's return value handling: from the error dispatch and from
 * Spring Security's entry point and access-denied handler.
 */
@Component
public final class ProblemWriter implements ProblemResponses {

  private final JsonMapper json;
  private final ProblemMapper mapper;

  ProblemWriter(JsonMapper json, ProblemMapper mapper) {
    this.json = json;
    this.mapper = mapper;
  }

  @Override
  public void write(HttpServletResponse response, int status) throws IOException {
    write(response, mapper.forStatus(status));
  }

  @Override
  public void write(HttpServletResponse response, DomainException exception) throws IOException {
    write(response, mapper.map(exception));
  }

  void write(HttpServletResponse response, Problem problem) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(problem.status());
    problem.headers().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem.members());
  }
}
