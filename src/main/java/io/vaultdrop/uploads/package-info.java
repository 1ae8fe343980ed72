/**
 * Resumable uploads (tus 1.0): a file arrives in chunks over as many requests, nodes and restarts
 * as it takes, each chunk encrypted as it arrives; a finished upload is then turned into a share,
 * capsule, vault file, encrypt job or library document by naming it in that feature's create call
 * (see {@code docs/uploads.md}). Features take part through {@link
 * io.vaultdrop.uploads.UploadTarget} only; the claim itself is wired into {@link
 * io.vaultdrop.web.StreamingMultipart}, so a create call reads a finished upload exactly like a
 * multipart file part.
 */
package io.vaultdrop.uploads;
