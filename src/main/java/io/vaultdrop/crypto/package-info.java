/**
 * Encryption core of Vaultdrop: the streaming object format, age interoperability, data keys and
 * the master key ring that wraps them.
 *
 * <p>This package is the module's API and depends on no feature. Everything under {@code internal}
 * is private to the module. No type here carries Spring annotations.
 */
package io.vaultdrop.crypto;
