package io.vaultdrop.web;

import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;

/**
 * {@code 416 range_not_satisfiable} of a {@code Range} that selects no byte of the file: the
 * problem response carries {@code Content-Range: bytes *&#47;<size>} ({@link ProblemHeaders}), as
 * RFC 9110 §15.5.17 asks.
 */
public final class RangeNotSatisfiableException extends DomainException {

  private final long size;

  public RangeNotSatisfiableException(long size) {
    super(ErrorCode.RANGE_NOT_SATISFIABLE, "problem.range.unsatisfiable", size);
    this.size = size;
  }

  /** The file's size in bytes (public: it is in the response anyway). */
  public long size() {
    return size;
  }
}
