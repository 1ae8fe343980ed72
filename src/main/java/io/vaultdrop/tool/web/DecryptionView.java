package io.vaultdrop.tool.web;

import io.swagger.v3.oas.annotations.media.Schema;
import io.vaultdrop.tool.internal.ToolJob;
import java.util.function.UnaryOperator;

/** {@code 201} body of {@code POST /api/v1/decryptions} (and of the page upload, plus redirect). */
@Schema(name = "Decryption")
record DecryptionView(
    String id, String name, long size, String downloadUrl, @Schema(hidden = true) String redirect) {

  static DecryptionView of(
      ToolJob job,
      UnaryOperator<String> link,
      String base,
      @Schema(hidden = true) String redirect) {
    return new DecryptionView(
        job.id(), job.name(), job.size(), link.apply(base + "/" + job.id() + "/file"), redirect);
  }
}
