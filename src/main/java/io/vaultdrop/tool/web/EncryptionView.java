package io.vaultdrop.tool.web;

import io.vaultdrop.tool.internal.ToolJob;
import java.util.function.UnaryOperator;

/** {@code 201} body of {@code POST /api/v1/encryptions} (and of the page upload, plus redirect). */
record EncryptionView(
    String id,
    String name,
    String algorithm,
    long size,
    long encryptedSize,
    String expiresAt,
    String encUrl,
    String keyUrl,
    String zipUrl,
    String redirect) {

  static EncryptionView of(ToolJob job, UnaryOperator<String> link, String base, String redirect) {
    String prefix = base + "/" + job.id();
    return new EncryptionView(
        job.id(),
        job.name(),
        job.algorithm().name(),
        job.size(),
        job.encryptedSize(),
        job.expiresAt().toString(),
        link.apply(prefix + "/enc"),
        link.apply(prefix + "/key"),
        link.apply(prefix + "/zip"),
        redirect);
  }
}
