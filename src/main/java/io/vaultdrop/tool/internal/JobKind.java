package io.vaultdrop.tool.internal;

/** What a tool job holds: an encryption result (.enc + .key) or a decryption waiting to stream. */
public enum JobKind {
  ENCRYPT,
  DECRYPT
}
