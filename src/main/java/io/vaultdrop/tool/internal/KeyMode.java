package io.vaultdrop.tool.internal;

/**
 * How the {@code .key} file of an encryption is written.
 *
 * <ul>
 *   <li>{@link #PORTABLE}: opens the {@code .enc} anywhere (an age identity file for
 *       ChaCha20-Poly1305, a {@code vaultdrop-key v1} text file for AES-256-GCM).
 *   <li>{@link #SERVER_BOUND}: the portable key file sealed by this server's master key; only this
 *       server (with the same master key ring) can use it.
 * </ul>
 */
public enum KeyMode {
  PORTABLE,
  SERVER_BOUND
}
