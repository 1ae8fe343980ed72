package io.vaultdrop.config;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Instance-wide settings shared by every feature ({@code vaultdrop.*}, or the matching {@code
 * VAULTDROP_*} environment variables).
 *
 * @param dataDir folder holding the embedded database, filesystem blobs and the generated master
 *     key ({@code VAULTDROP_DATA_DIR})
 * @param publicUrl base of absolute links; when unset, {@code http://localhost:${server.port}}
 *     ({@code VAULTDROP_PUBLIC_URL})
 * @param maxUploadSize largest accepted upload, enforced while streaming ({@code
 *     VAULTDROP_MAX_UPLOAD_SIZE})
 * @param anonymousUploads whether anonymous users may create shares and capsules ({@code
 *     VAULTDROP_ANONYMOUS_UPLOADS})
 * @param tool encrypt-tool settings
 */
@Validated
@ConfigurationProperties("vaultdrop")
public record VaultdropProperties(
    @NotNull @DefaultValue("./data") Path dataDir,
    URI publicUrl,
    @NotNull @DefaultValue("10GB") DataSize maxUploadSize,
    @DefaultValue("true") boolean anonymousUploads,
    @NotNull @DefaultValue Tool tool) {

  /**
   * @param retention lifetime of encrypt-tool jobs not fully downloaded ({@code
   *     VAULTDROP_TOOL_RETENTION}, ISO-8601 or e.g. {@code 1h})
   */
  public record Tool(@DefaultValue("PT1H") Duration retention) {
    public Tool {
      if (retention.isNegative() || retention.isZero()) {
        throw new InvalidSettingException(
            "VAULTDROP_TOOL_RETENTION", "must be a positive duration");
      }
    }
  }

  public VaultdropProperties {
    if (maxUploadSize != null && maxUploadSize.toBytes() <= 0) {
      throw new InvalidSettingException(
          "VAULTDROP_MAX_UPLOAD_SIZE", "must be a positive size such as 10GB");
    }
    if (publicUrl != null
        && (!publicUrl.isAbsolute()
            || !("http".equals(publicUrl.getScheme()) || "https".equals(publicUrl.getScheme()))
            || publicUrl.getHost() == null)) {
      throw new InvalidSettingException(
          "VAULTDROP_PUBLIC_URL",
          "must be an absolute http(s) URL such as https://files.example.org");
    }
  }
}
