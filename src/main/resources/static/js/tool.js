// tool page behaviour (see upload.js for the upload contract).
