/** Implementations of the crypto module's API, plus its Spring wiring. Private to the module. */
package io.vaultdrop.crypto.internal;
