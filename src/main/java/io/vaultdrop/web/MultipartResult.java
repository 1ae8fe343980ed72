package io.vaultdrop.web;

/**
 * The outcome of a streamed upload.
 *
 * @param value what the {@link MultipartHandler} returned
 * @param fields every text field, those before and after the file part
 */
public record MultipartResult<T>(T value, FormFields fields) {}
