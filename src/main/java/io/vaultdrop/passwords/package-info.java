/**
 * The password-check pool: every Argon2id hash of the node (logins, registration, password changes,
 * share passwords) runs on a few platform threads behind a short queue ({@link
 * io.vaultdrop.passwords.PasswordWork}). Depends on the error catalogue only.
 */
package io.vaultdrop.passwords;
