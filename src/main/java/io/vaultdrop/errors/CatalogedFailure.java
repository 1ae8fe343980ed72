package io.vaultdrop.errors;

/**
 * A checked failure (an {@link java.io.IOException} that must stay one, such as a storage outage)
 * that still has its entry in the catalogue: the web layer answers it with that code, as it does a
 * {@link DomainException}. The detail reaches the client; the message and cause never do.
 */
public interface CatalogedFailure {

  ErrorCode errorCode();

  /**
   * The message key of a short, fixed explanation for the client ({@code
   * messages-problems*.properties}), as for {@link DomainException}.
   */
  String clientDetailKey();
}
