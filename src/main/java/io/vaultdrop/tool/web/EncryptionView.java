package io.vaultdrop.tool.web;

import io.swagger.v3.oas.annotations.media.Schema;
import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.tool.internal.ToolJob;
import java.util.function.UnaryOperator;

/**
 * {@code 201} body of {@code POST /api/v1/encryptions} (and of the page upload, plus redirect).
 * {@code encArmoredUrl}: the {@code .enc} as age's ASCII armor, for ChaCha20-Poly1305 jobs only.
 */
@Schema(name = "Encryption")
record EncryptionView(
    String id,
    String name,
    String algorithm,
    long size,
    long encryptedSize,
    String expiresAt,
    String encUrl,
    String encArmoredUrl,
    String keyUrl,
    String zipUrl,
    @Schema(hidden = true) String redirect) {

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
        job.algorithm() == CipherSuite.CHACHA20_POLY1305
            ? link.apply(prefix + "/enc?armor=true")
            : null,
        link.apply(prefix + "/key"),
        link.apply(prefix + "/zip"),
        redirect);
  }
}
