/**
 * The operator library (seed 004): operators and administrators publish {@code .docx}, {@code
 * .xlsx} and {@code .pptx} documents, checked by content; verified users list them and fetch them
 * through short-lived download links bound to their account; operators see who downloaded what;
 * users may opt in to an e-mail about every new document. See {@code docs/library.md}.
 *
 * <p>The module offers no API to other modules; it listens to {@link
 * io.vaultdrop.accounts.AccountDeletedEvent}.
 */
package io.vaultdrop.library;
