package io.vaultdrop.uploads.web;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.uploads.UploadTarget;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The largest upload a caller may start: what the named target allows ({@code Upload-Metadata} key
 * {@code target}), or else the most any target allows, so quotas and size limits hold before the
 * first byte is stored.
 */
@Component
final class UploadLimits {

  private final List<UploadTarget> targets;

  UploadLimits(List<UploadTarget> targets) {
    this.targets = List.copyOf(targets);
  }

  /**
   * @throws DomainException 400 for an unknown target; 401 anonymous / 403 signed in when the
   *     caller may create nothing (or not the named target)
   */
  long maxBytes(@Nullable CurrentUser caller, @Nullable String targetName) {
    OptionalLong limit;
    if (targetName != null) {
      UploadTarget target =
          targets.stream()
              .filter(t -> t.name().equals(targetName))
              .findFirst()
              .orElseThrow(() -> DomainException.invalidRequest("problem.upload.unknown-target"));
      limit = target.maxBytes(caller);
    } else {
      limit =
          targets.stream()
              .map(t -> t.maxBytes(caller))
              .filter(OptionalLong::isPresent)
              .mapToLong(OptionalLong::getAsLong)
              .max();
    }
    if (limit.isEmpty()) {
      throw caller == null
          ? new DomainException(ErrorCode.UNAUTHORIZED, "problem.upload.sign-in")
          : new DomainException(ErrorCode.FORBIDDEN, "problem.upload.forbidden");
    }
    return limit.getAsLong();
  }

  /** {@code Tus-Max-Size} for the caller, if it may upload at all. */
  Optional<Long> advertised(@Nullable CurrentUser caller) {
    return targets.stream()
        .map(t -> t.maxBytes(caller))
        .filter(OptionalLong::isPresent)
        .map(OptionalLong::getAsLong)
        .max(Long::compare);
  }
}
