package io.vaultdrop.web;

import io.vaultdrop.errors.ErrorCode;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What an API operation's signature does not show, for the OpenAPI document at {@code /api/docs}:
 * who may call it and which problems it can answer. On a controller it applies to every operation;
 * on a method it adds its problems to the controller's and, unless {@link Caller#INHERIT}, replaces
 * the caller.
 *
 * <p>The document adds on its own: {@code 401 unauthorized} to every operation a bearer token or an
 * API key may authenticate, {@code 400 malformed_request}/{@code invalid_request} and {@code 415
 * unsupported_media_type} to every operation with a request body, and a {@code default} problem for
 * the failures any operation can meet (500, 503, 507). List here only what the operation itself
 * answers; the contract test holds every listed code to the catalogue.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ApiContract {

  /** Who may call the operation. */
  Caller caller() default Caller.INHERIT;

  /** The problems the operation can answer besides the ones the document adds on its own. */
  ErrorCode[] problems() default {};

  /** Who may call an operation; decides its security requirements. */
  enum Caller {
    /** As the controller says; on a controller: {@link #ANYONE}. */
    INHERIT,
    /** No credentials (registration, token issuing): no security requirement. */
    ANYONE,
    /** Anonymous, or authenticated by a bearer token or an API key (e.g. creating a share). */
    ANYONE_OR_SIGNED_IN,
    /** A bearer token or an API key is required. */
    SIGNED_IN
  }
}
