package io.vaultdrop.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a file-streaming {@code GET} handler that answers {@code HEAD} itself: it checks the method
 * and returns the headers without reading, decrypting or counting anything. Without this mark,
 * {@link HeadOfStreamedDownloads} refuses a {@code HEAD} of such a handler with {@code 405}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AnswersHead {}
