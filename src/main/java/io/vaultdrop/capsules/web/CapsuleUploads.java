package io.vaultdrop.capsules.web;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.capsules.internal.CapsuleProperties;
import io.vaultdrop.capsules.internal.CapsuleService;
import io.vaultdrop.config.VaultdropProperties;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.ratelimit.ClientAddresses;
import io.vaultdrop.ratelimit.RateLimitPolicy;
import io.vaultdrop.ratelimit.RateLimiter;
import io.vaultdrop.uploads.UploadTarget;
import io.vaultdrop.web.MultipartResult;
import io.vaultdrop.web.StreamingMultipart;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Who may create a capsule and how large, shared by the API and the page: signed-in users up to
 * {@code VAULTDROP_MAX_UPLOAD_SIZE}; anonymous clients only when {@code
 * VAULTDROP_ANONYMOUS_UPLOADS} is on (else 401), up to the smaller anonymous limit and a budget of
 * uploads per client address. Signed-in users have a (larger) budget per account. Opening and
 * deleting are limited per client address too.
 */
@Component
final class CapsuleUploads implements UploadTarget {

  private final CapsuleService capsules;
  private final StreamingMultipart multipart;
  private final RateLimiter limiter;
  private final ClientAddresses addresses;
  private final VaultdropProperties vaultdrop;
  private final RateLimitPolicy anonymousUploads;
  private final RateLimitPolicy signedInUploads;
  private final RateLimitPolicy opens;
  private final long anonymousLimit;

  CapsuleUploads(
      CapsuleService capsules,
      StreamingMultipart multipart,
      RateLimiter limiter,
      ClientAddresses addresses,
      VaultdropProperties vaultdrop,
      CapsuleProperties properties) {
    this.capsules = capsules;
    this.multipart = multipart;
    this.limiter = limiter;
    this.addresses = addresses;
    this.vaultdrop = vaultdrop;
    this.anonymousUploads =
        new RateLimitPolicy(
            "capsule-anonymous-upload", properties.anonymousUploadsPerHour(), Duration.ofHours(1));
    this.signedInUploads =
        new RateLimitPolicy("capsule-upload", properties.uploadsPerHour(), Duration.ofHours(1));
    this.opens =
        new RateLimitPolicy("capsule-open", properties.opensPerMinute(), Duration.ofMinutes(1));
    this.anonymousLimit =
        Math.min(
            properties.anonymousMaxUploadSize().toBytes(), vaultdrop.maxUploadSize().toBytes());
  }

  /** Whether {@code me} may create capsules at all. */
  boolean mayCreate(@Nullable CurrentUser me) {
    return me != null || vaultdrop.anonymousUploads();
  }

  /** Streams the request's {@code file} part into a new capsule; returns its JWE. */
  String create(HttpServletRequest request, @Nullable CurrentUser me) throws IOException {
    long limit = vaultdrop.maxUploadSize().toBytes();
    if (me == null) {
      if (!vaultdrop.anonymousUploads()) {
        throw new DomainException(ErrorCode.UNAUTHORIZED, "problem.capsule.sign-in");
      }
      limiter.consume(anonymousUploads, ClientAddresses.budgetKey(addresses.of(request)));
      limit = anonymousLimit;
    } else {
      limiter.consume(signedInUploads, "user:" + me.id());
    }
    String ownerId = me == null ? null : me.id();
    long maxBytes = limit;
    MultipartResult<CapsuleService.PendingCapsule> result =
        multipart.receive(
            request,
            StreamingMultipart.DEFAULT_FILE_PART,
            limit,
            (file, fields) -> capsules.store(file.fileName(), file.content(), ownerId, maxBytes));
    // A part after the file that failed (a second file) closed the pending capsule already.
    try (CapsuleService.PendingCapsule pending = result.value()) {
      return capsules.publish(pending).jwe();
    }
  }

  @Override
  public String name() {
    return "capsules";
  }

  @Override
  public OptionalLong maxBytes(@Nullable CurrentUser caller) {
    if (!mayCreate(caller)) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(caller == null ? anonymousLimit : vaultdrop.maxUploadSize().toBytes());
  }

  /** Takes one open/delete attempt from the client address's budget. */
  void countOpen(HttpServletRequest request) {
    limiter.consume(opens, ClientAddresses.budgetKey(addresses.of(request)));
  }
}
