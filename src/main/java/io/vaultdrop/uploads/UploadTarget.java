package io.vaultdrop.uploads;

import io.vaultdrop.accounts.CurrentUser;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A feature that can be created from a finished upload (a share, capsule, vault file, encrypt job
 * or library document). The upload endpoint asks every target before it accepts an {@code
 * Upload-Length}, so limits and quotas hold before the first byte is stored; the feature's create
 * call checks them again while it reads the upload.
 */
public interface UploadTarget {

  /**
   * The target's name in the optional {@code target} key of {@code Upload-Metadata}: {@code
   * shares}, {@code capsules}, {@code files}, {@code encryptions} or {@code library}.
   */
  String name();

  /**
   * The largest upload {@code caller} ({@code null}: anonymous) may turn into this target now,
   * quota included; empty when the caller may not create one at all.
   */
  OptionalLong maxBytes(@Nullable CurrentUser caller);
}
