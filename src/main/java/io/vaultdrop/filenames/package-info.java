/**
 * File names that came from a client: the one set of character rules for every name Vaultdrop
 * shows, sends in {@code Content-Disposition} or writes into a zip. Depends on no other module, so
 * feature domains and the web layer use the same rules.
 */
package io.vaultdrop.filenames;
