package io.vaultdrop.uploads.web;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.uploads.internal.UploadService;
import io.vaultdrop.web.FilePart;
import io.vaultdrop.web.FinishedUploads;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Claims finished uploads for create calls ({@link FinishedUploads}) and settles every claim when
 * its request ends: a success, or a 415 refusal of the content, deletes the upload (it was used
 * exactly once); any other failure releases it for another try. A crash in between leaves the claim
 * to expire within an hour and be swept.
 */
@Component
final class UploadClaims implements FinishedUploads, HandlerInterceptor, WebMvcConfigurer {

  private static final Logger log = LoggerFactory.getLogger(UploadClaims.class);
  private static final String CLAIMS = UploadClaims.class.getName() + ".claims";

  private final UploadService uploads;

  UploadClaims(UploadService uploads) {
    this.uploads = uploads;
  }

  private record Claim(UploadService.Claimed upload, InputStream content) {}

  @Override
  public FilePart claim(
      HttpServletRequest request, String fieldName, String uploadId, long maxBytes) {
    String callerId =
        CurrentUser.of(SecurityContextHolder.getContext().getAuthentication())
            .map(CurrentUser::id)
            .orElse(null);
    UploadService.Claimed claimed = uploads.claim(uploadId, callerId, maxBytes);
    InputStream content = uploads.open(claimed);
    claims(request).add(new Claim(claimed, content));
    return new FilePart(fieldName, claimed.fileName(), null, content);
  }

  @SuppressWarnings("unchecked")
  private static List<Claim> claims(HttpServletRequest request) {
    Object claims = request.getAttribute(CLAIMS);
    if (claims == null) {
      claims = new ArrayList<Claim>();
      request.setAttribute(CLAIMS, claims);
    }
    return (List<Claim>) claims;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void afterCompletion(
      HttpServletRequest request,
      HttpServletResponse response,
      Object handler,
      @Nullable Exception failure) {
    Object claims = request.getAttribute(CLAIMS);
    if (claims == null) {
      return;
    }
    request.removeAttribute(CLAIMS);
    int status = response.getStatus();
    boolean used =
        failure == null && (status < 400 || status == HttpStatus.UNSUPPORTED_MEDIA_TYPE.value());
    for (Claim claim : (List<Claim>) claims) {
      try {
        claim.content().close();
      } catch (Exception e) {
        // A read stream loses nothing on close.
      }
      try {
        if (used) {
          uploads.delete(claim.upload());
        } else {
          uploads.release(claim.upload());
        }
      } catch (RuntimeException e) {
        log.warn("Could not settle a claimed upload; it expires and is swept: {}", e.toString());
      }
    }
  }
}
