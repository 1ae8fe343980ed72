package io.vaultdrop.capsules.internal;

import java.io.InputStream;

/**
 * A capsule ready to stream: its key commitment already checked, so a wrong or damaged object has
 * failed before any response is sent.
 *
 * @param name the original file name
 * @param size the exact plaintext size
 * @param content the plaintext; closing it wipes the data key
 */
public record OpenedCapsule(String name, long size, InputStream content) {}
