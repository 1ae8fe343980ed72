-- The library on the stored-object lifecycle (docs/objects.md): its blobs are registered in the
-- stored_objects ledger (V10 copied the rows of library_pending_blobs as PENDING objects, which the
-- object sweeper removes), so the library's own list of unnamed blobs goes.
DROP TABLE library_pending_blobs;
