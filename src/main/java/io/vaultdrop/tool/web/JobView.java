package io.vaultdrop.tool.web;

import io.vaultdrop.tool.internal.JobKind;
import io.vaultdrop.tool.internal.ToolJob;
import java.time.Duration;
import java.time.Instant;

/** A row of the "my jobs" list. */
record JobView(
    String id,
    String kind,
    String name,
    long size,
    long encryptedSize,
    String algorithm,
    String keyMode,
    long minutesLeft,
    boolean encWaiting,
    boolean keyWaiting,
    String page,
    String deleteAction) {

  static JobView of(ToolJob job, Instant now) {
    boolean encrypt = job.kind() == JobKind.ENCRYPT;
    String base = (encrypt ? "/encrypt/" : "/decrypt/") + job.id();
    long seconds = Math.max(0, Duration.between(now, job.expiresAt()).toSeconds());
    return new JobView(
        job.id(),
        job.kind().name(),
        job.name(),
        job.size(),
        job.encryptedSize(),
        job.algorithm().name(),
        job.keyMode().name(),
        (seconds + 59) / 60,
        encrypt && !job.encDownloaded(),
        encrypt && !job.keyDownloaded(),
        base,
        base + "/delete");
  }
}
