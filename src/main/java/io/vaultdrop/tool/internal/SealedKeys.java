package io.vaultdrop.tool.internal;

import io.vaultdrop.crypto.KeyUnwrapException;
import io.vaultdrop.crypto.MasterKeyRing;
import io.vaultdrop.crypto.WrappedKey;
import io.vaultdrop.errors.DomainException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.springframework.stereotype.Component;

/**
 * A job's {@code .key} file at rest: sealed by the master key ring with the context {@code
 * tool-job:<id>:key}, so a sealed key copied to another job's record does not open.
 */
@Component
final class SealedKeys {

  private final MasterKeyRing ring;
  private final ToolJobRepository jobs;

  SealedKeys(MasterKeyRing ring, ToolJobRepository jobs) {
    this.ring = ring;
    this.jobs = jobs;
  }

  /** The sealed form of a key file for the job {@code jobId}. */
  byte[] seal(String jobId, String keyFile) {
    byte[] bytes = keyFile.getBytes(StandardCharsets.UTF_8);
    try {
      return ring.seal(bytes, context(jobId)).toBytes();
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** The job's key file (UTF-8); the caller wipes the array. 404 once the job is gone. */
  byte[] open(ToolJob job) {
    byte[] sealed = jobs.sealedKey(job.id()).orElseThrow(DomainException::notFound);
    try {
      return ring.open(WrappedKey.fromBytes(sealed), context(job.id()));
    } catch (KeyUnwrapException e) {
      throw new IllegalStateException("the sealed key of a tool job does not open", e);
    }
  }

  private static byte[] context(String jobId) {
    return ("tool-job:" + jobId + ":key").getBytes(StandardCharsets.US_ASCII);
  }
}
