// Drives the real tus-js-client (frontend/node_modules, installed by the build) for TusJsClientTest.
//
//   node tus-node-client.cjs <modules> upload <endpoint> <file> <chunkSize> [bearer]
//       uploads the whole file; prints {"url","patches":[offsets],"heads"}
//   node tus-node-client.cjs <modules> start <endpoint> <file> <chunkSize> <chunks> [bearer]
//       uploads <chunks> chunks, then aborts; prints {"url","offset"}
//   node tus-node-client.cjs <modules> resume <endpoint> <file> <chunkSize> <url> [bearer]
//       a new tus.Upload with uploadUrl goes on from the server's offset; prints as "upload"
//
// Anything that goes wrong prints the error on stderr and exits 1.
"use strict";
const fs = require("fs");
const { createRequire } = require("module");

const [modules, mode, endpoint, file, chunkSizeArg, ...rest] = process.argv.slice(2);
const tus = createRequire(modules + "/")("tus-js-client");
const content = fs.readFileSync(file);
const chunkSize = Number(chunkSizeArg);

function options(bearer, extra) {
  const seen = { patches: [], heads: 0 };
  const base = {
    chunkSize,
    retryDelays: [0, 200, 500],
    metadata: { filename: "node " + require("path").basename(file), filetype: "application/octet-stream" },
    headers: bearer ? { Authorization: "Bearer " + bearer } : {},
    onBeforeRequest(req) {
      if (req.getMethod() === "PATCH") seen.patches.push(Number(req.getHeader("Upload-Offset")));
      if (req.getMethod() === "HEAD") seen.heads++;
    },
  };
  return { seen, options: Object.assign(base, extra) };
}

function fail(error) {
  process.stderr.write(String(error && error.stack ? error.stack : error) + "\n");
  process.exit(1);
}

function whole(bearer, extra) {
  const { seen, options: o } = options(bearer, extra);
  const upload = new tus.Upload(
    content,
    Object.assign(o, {
      onError: fail,
      onSuccess() {
        process.stdout.write(JSON.stringify({ url: upload.url, patches: seen.patches, heads: seen.heads }));
      },
    })
  );
  upload.start();
}

if (mode === "upload") {
  whole(rest[0], { endpoint });
} else if (mode === "resume") {
  whole(rest[1], { uploadUrl: rest[0] });
} else if (mode === "start") {
  const chunks = Number(rest[0]);
  let done = 0;
  const { options: o } = options(rest[1], { endpoint });
  const upload = new tus.Upload(
    content,
    Object.assign(o, {
      onError: fail,
      onSuccess() {
        fail(new Error("finished before it was aborted"));
      },
      onChunkComplete(size, accepted) {
        if (++done === chunks) {
          upload.abort().then(() => {
            process.stdout.write(JSON.stringify({ url: upload.url, offset: accepted }));
          }, fail);
        }
      },
    })
  );
  upload.start();
} else {
  fail(new Error("unknown mode " + mode));
}
