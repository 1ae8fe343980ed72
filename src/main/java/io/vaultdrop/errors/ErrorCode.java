package io.vaultdrop.errors;

/**
 * The catalogue of every problem {@code code} that feature code reports, each with the HTTP status
 * and the English {@code title} of the problem the client receives (the web layer gives it in the
 * reader's language from {@code messages-problems*.properties}; the code never changes).
 *
 * <p>This is the contract clients depend on: {@code ../shared/API.md} fixes several of these codes
 * (for example {@code not_found}, {@code too_large}, {@code weak_password}, {@code invalid_token},
 * {@code unsupported_algorithm}, {@code decryption_failed}, {@code unsupported_file_type}), and
 * clients branch on the others. Never rename a code or change its status or title; add a new
 * constant instead. Codes and titles are fixed texts that never carry user input, secrets or paths;
 * a variable explanation belongs in {@link DomainException#detail()}, under the same rules.
 *
 * <p>A code may appear twice when two features answered it with different statuses before the
 * catalogue existed ({@link #WRONG_PASSWORD} and {@link #WRONG_CURRENT_PASSWORD}); the wire format
 * of both stays as it was. {@code busy} is {@code 503} for contention on a share and {@code 429}
 * for a full password-check pool ({@link #BUSY}, {@link #PASSWORD_CHECKS_BUSY}).
 */
public enum ErrorCode {

  // 400
  /** A request field or body that is missing, out of range or in the wrong form. */
  INVALID_REQUEST(400, "invalid_request", "Bad Request"),
  /** A body that could not be read at all (for example a broken multipart stream). */
  MALFORMED_REQUEST(400, "malformed_request", "Bad Request"),
  /** A capsule token or an account link token that is unknown, used, expired or forged. */
  INVALID_TOKEN(400, "invalid_token", "Bad Request"),
  /** An e-mail address that is not one. */
  INVALID_EMAIL(400, "invalid_email", "Bad Request"),
  /** A new password that the password policy refuses. */
  WEAK_PASSWORD(400, "weak_password", "Bad Request"),
  /** The current password given to change account settings is not correct. */
  WRONG_CURRENT_PASSWORD(400, "wrong_password", "Bad Request"),
  /** The encryption tool does not know the requested algorithm. */
  UNSUPPORTED_ALGORITHM(400, "unsupported_algorithm", "Unsupported algorithm"),

  // 401
  /** Sign-in needed. */
  UNAUTHORIZED(401, "unauthorized", "Unauthorized"),
  /** Unknown address, wrong password or disabled account: all look the same. */
  INVALID_CREDENTIALS(401, "invalid_credentials", "Unauthorized"),
  /** A share link protected by a password was opened without one. */
  PASSWORD_REQUIRED(401, "password_required", "Password Required"),
  /** A wrong password for a share link; {@code attemptsLeft} says how many tries remain. */
  WRONG_PASSWORD(401, "wrong_password", "Wrong Password"),

  // 403
  /** Signed in, but not allowed. */
  FORBIDDEN(403, "forbidden", "Forbidden"),
  /** The account's e-mail address is not verified yet. */
  EMAIL_NOT_VERIFIED(403, "email_not_verified", "Forbidden"),
  /**
   * An API key without the scope the endpoint needs (or an endpoint no key may use); the problem's
   * {@code scope} member names the scope, the response carries {@code WWW-Authenticate: Bearer
   * error="insufficient_scope"} (RFC 6750).
   */
  INSUFFICIENT_SCOPE(403, "insufficient_scope", "Forbidden"),

  // 404
  /** Unknown, or not the caller's to see: both look the same. */
  NOT_FOUND(404, "not_found", "Not Found"),

  // 406
  /** The request cannot be answered in a form the client accepts. */
  NOT_ACCEPTABLE(406, "not_acceptable", "Not Acceptable"),

  // 409
  /** The resource changed meanwhile. */
  CONFLICT(409, "conflict", "Conflict"),
  /** The e-mail address already belongs to an account. */
  EMAIL_TAKEN(409, "email_taken", "Conflict"),
  /** The last enabled administrator cannot be removed, disabled or demoted. */
  LAST_ADMIN(409, "last_admin", "Conflict"),
  /** A resumable upload's {@code Upload-Offset} is not where the upload stands (tus). */
  OFFSET_MISMATCH(409, "offset_mismatch", "Conflict"),
  /** A create call named a resumable upload that still misses bytes. */
  UPLOAD_UNFINISHED(409, "upload_unfinished", "Conflict"),
  /** The account already has as many API keys as it may. */
  API_KEY_LIMIT(409, "api_key_limit", "Conflict"),

  // 412
  /** A tus request without {@code Tus-Resumable: 1.0.0}. */
  UNSUPPORTED_TUS_VERSION(412, "unsupported_version", "Precondition Failed"),

  // 413
  /** An upload or a field exceeded its limit. */
  TOO_LARGE(413, "too_large", "Content Too Large"),
  /** The upload does not fit into the vault's remaining space. */
  QUOTA_EXCEEDED(413, "quota_exceeded", "Content Too Large"),

  // 415
  /** The request body has a media type the endpoint does not take. */
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type", "Unsupported Media Type"),
  /** An uploaded document whose content is not of an accepted type. */
  UNSUPPORTED_FILE_TYPE(415, "unsupported_file_type", "Unsupported Media Type"),

  // 416
  /** A {@code Range} that cannot be served. */
  RANGE_NOT_SATISFIABLE(416, "range_not_satisfiable", "Range Not Satisfiable"),

  // 422
  /** A wrong key or a damaged file in the decryption tool. */
  DECRYPTION_FAILED(422, "decryption_failed", "Decryption failed"),

  // 429
  /** Rate limited; the response carries {@code Retry-After}. */
  RATE_LIMITED(429, "rate_limited", "Too Many Requests"),
  /**
   * Every password-check thread is busy and the short queue is full (Argon2id is bounded so it
   * cannot starve other requests); the response carries {@code Retry-After}. Same code as {@link
   * #BUSY}, another status: clients branch on the status first.
   */
  PASSWORD_CHECKS_BUSY(429, "busy", "Too Many Requests"),

  // 500
  /** A stored object does not match what the server recorded about it. */
  OBJECT_DAMAGED(500, "object_damaged", "Internal Server Error"),

  // 503
  /** Contention that a retry resolves. */
  BUSY(503, "busy", "Service Unavailable"),
  /** The blob store cannot be reached. */
  STORAGE_UNAVAILABLE(503, "storage_unavailable", "Service Unavailable"),
  /**
   * The node cannot serve this now: it is shutting down (draining, so it takes no new transfer) or
   * the database cannot be reached or answers too slowly. Another node, or a retry after {@code
   * Retry-After}, will.
   */
  UNAVAILABLE(503, "unavailable", "Service Unavailable"),

  // 507
  /** The disk holding the blobs or the database is full: nothing was stored. */
  INSUFFICIENT_STORAGE(507, "insufficient_storage", "Insufficient Storage");

  private final int status;
  private final String code;
  private final String title;

  ErrorCode(int status, String code, String title) {
    this.status = status;
    this.code = code;
    this.title = title;
  }

  /** The HTTP status of the problem. */
  public int status() {
    return status;
  }

  /** The problem's {@code code} member: stable, {@code snake_case}. */
  public String code() {
    return code;
  }

  /** The problem's {@code title}: the status's reason phrase, or the fixed title of the code. */
  public String title() {
    return title;
  }
}
