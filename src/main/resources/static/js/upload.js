// Uploads for any <form data-upload enctype="multipart/form-data">.
//
// Contract for pages:
//  - Without JavaScript the form posts normally; the server answers with a page.
//  - A form with data-upload-target="shares|capsules|files|encryptions|library" sends each chosen
//    file first through tus (tus-js-client, /vendor/tus.min.js) to /uploads, in chunks of
//    data-upload-chunk-size bytes (50 MB unless set), with automatic retries, resuming after a
//    dropped connection, when the browser is back online, and after a reload when the same file is
//    chosen again. Its panel (fragments/upload.html, [data-upload-panel]) shows bytes, speed, time
//    left, and pause/resume and cancel buttons. Then the form itself is sent without its file
//    inputs and with one hidden field "uploadId" per file.
//  - Any other data-upload form (or a browser without what tus needs) sends the whole form,
//    files included, as one multipart request.
//  - The form is sent with XHR (Accept: application/json, the CSRF token from the form's hidden
//    _csrf input or <meta name="_csrf"> in the header <meta name="_csrf_header">), and:
//      * [data-upload-progress] (a <progress>) shows the upload progress,
//      * [data-upload-status] receives short status texts (data-text-* attributes on the form);
//        a failure is shown there styled as an error (class "upload-error"),
//      * [data-dropzone] accepts dragged files (and, for an input that takes several, folders)
//        into the form's file input,
//      * on success the form fires "upload:done" with the parsed JSON as event.detail; if nobody
//        calls preventDefault() and the JSON has "redirect", the page navigates there,
//      * on failure it fires "upload:failed" with {status, problem} (problem+json when present)
//        and shows the problem's detail or title; a cancelled upload fires it with
//        {status: 0, problem: null, cancelled: true}.
(function () {
  "use strict";

  var DEFAULT_CHUNK_SIZE = 50 * 1024 * 1024; // below a proxy's usual 100 MB body cap
  var RETRY_DELAYS = [0, 1000, 3000, 5000, 10000, 20000];
  var SPEED_WINDOW_MS = 10000;

  // ---------------------------------------------------------------------------- small helpers

  // The form's own hidden _csrf input (Thymeleaf adds it to POST forms) or the layout's meta tags.
  function csrf(form) {
    var header = document.querySelector('meta[name="_csrf_header"]');
    var headerName = header ? header.content : "X-CSRF-TOKEN";
    var hidden = form.querySelector('input[name="_csrf"]');
    if (hidden) return { header: headerName, token: hidden.value };
    var token = document.querySelector('meta[name="_csrf"]');
    return token ? { header: headerName, token: token.content } : null;
  }

  function text(form, key, fallback) {
    return form.getAttribute("data-text-" + key) || fallback;
  }

  // "{sent} of {total}" with values filled in.
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match;
    });
  }

  function fileInputs(form) {
    return Array.prototype.slice.call(form.querySelectorAll('input[type="file"]'));
  }

  function parse(body) {
    try {
      return JSON.parse(body);
    } catch (ignored) {
      return null;
    }
  }

  // ---------------------------------------------------------------------------- what users see

  function Ui(form) {
    this.form = form;
    this.status = form.querySelector("[data-upload-status]");
    this.progress = form.querySelector("[data-upload-progress]");
    this.panel = form.querySelector("[data-upload-panel]");
    this.button = form.querySelector('[type="submit"]');
    var panel = this.panel;
    var find = function (selector) {
      return panel ? panel.querySelector(selector) : null;
    };
    this.file = find("[data-upload-file]");
    this.bytes = find("[data-upload-bytes]");
    this.speed = find("[data-upload-speed]");
    this.eta = find("[data-upload-eta]");
    this.pause = find("[data-upload-pause]");
    this.cancel = find("[data-upload-cancel]");
  }

  Ui.prototype.t = function (key, fallback) {
    return (this.panel && this.panel.getAttribute("data-text-" + key)) || fallback;
  };

  Ui.prototype.say = function (message) {
    if (!this.status) return;
    this.status.classList.remove("upload-error");
    this.status.textContent = message;
  };

  // A failure: the page's "failed" text in bold, then the server's explanation.
  Ui.prototype.fail = function (problem, fallback) {
    if (!this.status) return;
    var message = (problem && (problem.detail || problem.title)) || fallback || "";
    this.status.textContent = "";
    this.status.classList.add("upload-error");
    var lead = document.createElement("strong");
    lead.textContent = text(this.form, "failed", "The upload failed.");
    this.status.appendChild(lead);
    if (message) this.status.appendChild(document.createTextNode(" " + message));
  };

  // What a status means when the server said nothing readable (texts of the error page).
  Ui.prototype.explain = function (status) {
    if (status === 0) return this.t("network", "");
    var key = status >= 500 ? 500 : status === 401 ? 403 : status;
    return this.t("status-" + key, "");
  };

  Ui.prototype.busy = function (busy) {
    if (this.button) this.button.disabled = busy;
  };

  // Shows the panel (or the bare progress bar of a form without one).
  Ui.prototype.show = function (resumable) {
    if (this.panel) {
      this.panel.hidden = false;
      this.panel.classList.toggle("upload-panel-simple", !resumable);
    } else if (this.progress) {
      this.progress.hidden = false;
    }
    if (this.progress) this.progress.value = 0;
    [this.bytes, this.speed, this.eta, this.file].forEach(function (node) {
      if (node) node.textContent = "";
    });
    this.controls(resumable);
  };

  Ui.prototype.hide = function () {
    if (this.panel) this.panel.hidden = true;
    else if (this.progress) this.progress.hidden = true;
  };

  Ui.prototype.controls = function (visible) {
    [this.pause, this.cancel].forEach(function (button) {
      if (button) {
        button.hidden = !visible;
        button.disabled = false;
      }
    });
  };

  Ui.prototype.pauseLabel = function (key) {
    if (!this.pause) return;
    var fallback = { pause: "Pause", resume: "Resume", retry: "Try again" }[key];
    this.pause.textContent = this.t(key, fallback);
    this.pause.setAttribute("data-state", key);
  };

  // Nothing moves (paused, waiting for the network): no speed, no time left.
  Ui.prototype.still = function () {
    [this.speed, this.eta].forEach(function (node) {
      if (node) node.textContent = "";
    });
  };

  // The server is working on the sent file (encrypting, checking): no figures, a moving bar.
  Ui.prototype.processing = function () {
    if (this.progress) this.progress.removeAttribute("value");
    [this.speed, this.eta].forEach(function (node) {
      if (node) node.textContent = "";
    });
    this.controls(false);
    this.say(text(this.form, "processing", "Encrypting…"));
  };

  // 1024-based like the pages' sizes (PageFormat): "999 B", "16.8 KB", "10 GB".
  Ui.prototype.size = function (bytes) {
    var units = this.t("units", "B,KB,MB,GB,TB").split(",");
    if (bytes < 1024) return bytes + " " + units[0];
    var value = bytes;
    var unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    var number = value.toFixed(1).replace(/\.0$/, "");
    return number + " " + units[unit];
  };

  Ui.prototype.duration = function (seconds) {
    seconds = Math.max(1, Math.round(seconds));
    var h = Math.floor(seconds / 3600);
    var m = Math.floor((seconds % 3600) / 60);
    var s = seconds % 60;
    if (h > 0) return fill(this.t("hours", "{h} h {m} min"), { h: h, m: m });
    if (m > 0) return fill(this.t("minutes", "{m} min {s} s"), { m: m, s: s });
    return fill(this.t("seconds", "{s} s"), { s: s });
  };

  Ui.prototype.naming = function (file, index, count) {
    if (!this.file) return;
    this.file.textContent =
      count > 1
        ? fill(this.t("file-of", "File {n} of {count}: {name}"), {
            n: index + 1,
            count: count,
            name: file.name,
          })
        : file.name;
  };

  // Bytes sent of all files, with speed and time left from the last few seconds.
  Ui.prototype.figures = function (sent, total, rate) {
    if (this.progress && total > 0) this.progress.value = sent / total;
    if (this.bytes) {
      this.bytes.textContent = fill(this.t("bytes", "{sent} of {total}"), {
        sent: this.size(sent),
        total: this.size(total),
      });
    }
    if (this.speed) {
      this.speed.textContent =
        rate > 0 ? fill(this.t("speed", "{speed}/s"), { speed: this.size(Math.round(rate)) }) : "";
    }
    if (this.eta) {
      this.eta.textContent =
        rate > 0
          ? fill(this.t("left", "{time} left"), { time: this.duration((total - sent) / rate) })
          : sent < total
            ? this.t("estimating", "Estimating time left…")
            : "";
    }
  };

  // Speed over a sliding window; reset when the transfer stops (pause, retry, offline).
  function Meter() {
    this.samples = [];
  }

  Meter.prototype.add = function (bytes) {
    var now = Date.now();
    this.samples.push({ at: now, bytes: bytes });
    while (this.samples.length > 2 && now - this.samples[0].at > SPEED_WINDOW_MS) {
      this.samples.shift();
    }
  };

  Meter.prototype.rate = function () {
    if (this.samples.length < 2) return 0;
    var first = this.samples[0];
    var last = this.samples[this.samples.length - 1];
    var span = last.at - first.at;
    if (span < 1000 || last.bytes <= first.bytes) return 0;
    return ((last.bytes - first.bytes) * 1000) / span;
  };

  Meter.prototype.reset = function () {
    this.samples = [];
  };

  // ---------------------------------------------------------------------------- the form post

  // Sends the form (or data built from it) with XHR; resolves with {status, body}.
  function post(form, data, ui, onProgress) {
    return new Promise(function (resolve) {
      var xhr = new XMLHttpRequest();
      xhr.open(form.method || "POST", form.action);
      xhr.setRequestHeader("Accept", "application/json");
      var token = csrf(form);
      if (token) xhr.setRequestHeader(token.header, token.token);
      if (onProgress) {
        xhr.upload.addEventListener("progress", function (e) {
          if (e.lengthComputable) onProgress(e.loaded, e.total);
        });
      }
      xhr.addEventListener("load", function () {
        resolve({ status: xhr.status, body: parse(xhr.responseText) });
      });
      xhr.addEventListener("error", function () {
        resolve({ status: 0, body: null });
      });
      xhr.send(data);
    });
  }

  // The page's answer: upload:done (and its redirect) or upload:failed with the problem shown.
  function settle(form, ui, answer) {
    ui.busy(false);
    if (answer.status >= 200 && answer.status < 300) {
      ui.hide();
      ui.say(text(form, "done", "Done."));
      var done = new CustomEvent("upload:done", { detail: answer.body, cancelable: true });
      if (form.dispatchEvent(done) && answer.body && answer.body.redirect) {
        window.location.assign(answer.body.redirect);
      }
      return true;
    }
    ui.hide();
    ui.fail(answer.body, ui.explain(answer.status));
    form.dispatchEvent(
      new CustomEvent("upload:failed", { detail: { status: answer.status, problem: answer.body } })
    );
    return false;
  }

  // The whole form with its files in one multipart request (decrypt, library replace, fallback).
  function sendMultipart(form, ui) {
    ui.show(false);
    ui.busy(true);
    ui.say(text(form, "uploading", "Uploading…"));
    var meter = new Meter();
    post(form, new FormData(form), ui, function (loaded, total) {
      meter.add(loaded);
      ui.figures(loaded, total, meter.rate());
      if (loaded === total) ui.processing();
    }).then(function (answer) {
      settle(form, ui, answer);
    });
  }

  // ---------------------------------------------------------------------------- tus uploads

  function resumable(form) {
    return (
      form.hasAttribute("data-upload-target") &&
      typeof window.tus !== "undefined" &&
      window.tus.isSupported &&
      typeof window.fetch === "function"
    );
  }

  function endpoint(form) {
    return new URL(form.getAttribute("data-upload-endpoint") || "/uploads", window.location.href)
      .href;
  }

  function chunkSize(form) {
    var value = parseInt(form.getAttribute("data-upload-chunk-size") || "", 10);
    return value > 0 ? value : DEFAULT_CHUNK_SIZE;
  }

  function uploadIdOf(url) {
    var path = new URL(url, window.location.href).pathname;
    return path.substring(path.lastIndexOf("/") + 1);
  }

  function problemOf(error) {
    var response = error && error.originalResponse;
    if (!response) return { status: 0, problem: null };
    return { status: response.getStatus(), problem: parse(response.getBody()) };
  }

  function retryable(status) {
    return status === 0 || status >= 500 || status === 409 || status === 423;
  }

  // One file through tus; the promise gives its upload URL, or fails with {status, problem}.
  function Transfer(job, file) {
    this.job = job;
    this.file = file;
    this.upload = null;
    this.paused = false;
    this.stopped = false;
    this.waitingForNetwork = null;
  }

  Transfer.prototype.run = function () {
    var transfer = this;
    var job = this.job;
    var form = job.form;
    var ui = job.ui;
    var token = csrf(form);
    var headers = {};
    if (token) headers[token.header] = token.token;
    var target = form.getAttribute("data-upload-target");
    var url = endpoint(form);
    return new Promise(function (resolve, reject) {
      transfer.reject = reject;
      var upload = new window.tus.Upload(transfer.file, {
        endpoint: url,
        chunkSize: chunkSize(form),
        retryDelays: RETRY_DELAYS,
        storeFingerprintForResuming: true,
        removeFingerprintOnSuccess: true,
        headers: headers,
        metadata: {
          filename: transfer.file.name,
          filetype: transfer.file.type || "application/octet-stream",
          target: target,
        },
        // The same file for the same feature resumes; the server decides whose upload it is.
        fingerprint: function (file) {
          return Promise.resolve(
            ["vaultdrop", target, file.name, file.type, file.size, file.lastModified, url].join("|")
          );
        },
        onProgress: function (sent) {
          if (transfer.paused || transfer.stopped) return;
          if (job.retrying) {
            job.retrying = false;
            ui.say(text(form, "uploading", "Uploading…"));
          }
          job.progress(sent);
        },
        onShouldRetry: function (error) {
          var status = problemOf(error).status;
          var retry = retryable(status) && navigator.onLine !== false;
          if (retry) {
            job.retrying = true;
            job.meter.reset();
            ui.still();
            ui.say(ui.t("retrying", "The connection dropped; trying again…"));
          }
          return retry;
        },
        onSuccess: function () {
          resolve(upload.url);
        },
        onError: function (error) {
          transfer.failed(error);
        },
      });
      transfer.upload = upload;
      upload
        .findPreviousUploads()
        .then(function (previous) {
          if (previous.length) {
            previous.sort(function (a, b) {
              return String(b.creationTime).localeCompare(String(a.creationTime));
            });
            upload.resumeFromPreviousUpload(previous[0]);
            ui.say(ui.t("resuming", "Going on with an earlier upload of this file…"));
          }
        })
        .catch(function () {
          // No storage (private window): start afresh.
        })
        .then(function () {
          if (!transfer.stopped && !transfer.paused) upload.start();
        });
    });
  };

  // Offline: wait for the network. Out of retries: offer to try again. A refusal: give up.
  Transfer.prototype.failed = function (error) {
    var transfer = this;
    var ui = this.job.ui;
    var answer = problemOf(error);
    this.job.meter.reset();
    ui.still();
    if (navigator.onLine === false) {
      ui.say(ui.t("offline", "You are offline. The upload goes on when the connection is back."));
      this.waitingForNetwork = function () {
        transfer.waitingForNetwork = null;
        if (!transfer.stopped && !transfer.paused) transfer.resume();
      };
      window.addEventListener("online", this.waitingForNetwork, { once: true });
      return;
    }
    if (retryable(answer.status)) {
      this.paused = true;
      ui.fail(answer.problem, ui.explain(answer.status));
      ui.pauseLabel("retry");
      return;
    }
    this.reject(answer);
  };

  Transfer.prototype.pause = function () {
    this.paused = true;
    this.job.meter.reset();
    this.job.ui.still();
    this.upload.abort();
  };

  Transfer.prototype.resume = function () {
    if (this.waitingForNetwork) {
      window.removeEventListener("online", this.waitingForNetwork);
      this.waitingForNetwork = null;
    }
    this.paused = false;
    this.job.meter.reset();
    this.job.ui.say(text(this.job.form, "uploading", "Uploading…"));
    this.upload.start();
  };

  // Stops and deletes the upload on the server (tus termination).
  Transfer.prototype.cancel = function () {
    this.stopped = true;
    if (this.waitingForNetwork) window.removeEventListener("online", this.waitingForNetwork);
    var terminated = this.upload ? this.upload.abort(true) : Promise.resolve();
    this.reject({ status: 0, problem: null, cancelled: true });
    return terminated.catch(function () {
      // Unreachable now: the server sweeps it when it expires.
    });
  };

  // All files of one submission, one after the other, then the form post.
  function Job(form, ui, files) {
    this.form = form;
    this.ui = ui;
    this.files = files;
    this.index = 0;
    this.done = 0; // bytes of the files finished before the current one
    this.total = files.reduce(function (sum, file) {
      return sum + file.size;
    }, 0);
    this.meter = new Meter();
    this.transfer = null;
    this.retrying = false;
  }

  Job.prototype.progress = function (sent) {
    var all = this.done + sent;
    this.meter.add(all);
    this.ui.figures(all, this.total, this.meter.rate());
  };

  Job.prototype.run = function () {
    var job = this;
    var form = this.form;
    var finished = finishedUploads(form);
    var urls = [];
    var next = function () {
      if (job.index >= job.files.length) return Promise.resolve(urls);
      var file = job.files[job.index];
      job.ui.naming(file, job.index, job.files.length);
      var known = finished.get(file);
      var step = known
        ? Promise.resolve(known)
        : (job.transfer = new Transfer(job, file)).run().then(function (url) {
            finished.set(file, url);
            return url;
          });
      return step.then(function (url) {
        urls.push(url);
        job.done += file.size;
        job.index++;
        job.transfer = null;
        job.progress(0);
        return next();
      });
    };
    return next();
  };

  // Uploads finished for this form but not yet used: a retried submit reuses them.
  function finishedUploads(form) {
    if (!form.vaultdropFinished) form.vaultdropFinished = new Map();
    return form.vaultdropFinished;
  }

  function forgetFinished(form, terminate) {
    var finished = finishedUploads(form);
    if (terminate) {
      var token = csrf(form);
      var headers = {};
      if (token) headers[token.header] = token.token;
      finished.forEach(function (url) {
        window.tus.Upload.terminate(url, { headers: headers }).catch(function () {
          // It expires and is swept.
        });
      });
    }
    finished.clear();
  }

  function sendResumable(form, ui) {
    var files = [];
    fileInputs(form).forEach(function (input) {
      Array.prototype.push.apply(files, input.files ? Array.prototype.slice.call(input.files) : []);
    });
    if (!files.length) {
      sendMultipart(form, ui);
      return;
    }
    var job = new Job(form, ui, files);
    form.vaultdropJob = job;
    ui.show(true);
    ui.pauseLabel("pause");
    ui.busy(true);
    ui.say(text(form, "uploading", "Uploading…"));
    job.progress(0);
    job
      .run()
      .then(function (urls) {
        ui.processing();
        var data = new FormData(form);
        fileInputs(form).forEach(function (input) {
          data.delete(input.name);
        });
        urls.forEach(function (url) {
          data.append("uploadId", uploadIdOf(url));
        });
        return post(form, data, ui, null).then(function (answer) {
          // Used (or refused for good, 415), or gone (404): choose the file again to retry.
          // Any other failure released the uploads on the server for another try.
          if (
            (answer.status >= 200 && answer.status < 300) ||
            answer.status === 415 ||
            answer.status === 404
          ) {
            forgetFinished(form, false);
          }
          settle(form, ui, answer);
        });
      })
      .catch(function (failure) {
        ui.busy(false);
        ui.hide();
        if (failure && failure.cancelled) {
          ui.say(ui.t("cancelled", "The upload was cancelled."));
        } else {
          ui.fail(failure && failure.problem, ui.explain((failure && failure.status) || 0));
        }
        form.dispatchEvent(
          new CustomEvent("upload:failed", {
            detail: {
              status: (failure && failure.status) || 0,
              problem: (failure && failure.problem) || null,
              cancelled: !!(failure && failure.cancelled),
            },
          })
        );
      })
      .then(function () {
        form.vaultdropJob = null;
      });
  }

  function bindControls(form, ui) {
    if (ui.pause) {
      ui.pause.addEventListener("click", function () {
        var job = form.vaultdropJob;
        var transfer = job && job.transfer;
        if (!transfer || transfer.stopped) return;
        if (transfer.paused) {
          ui.pauseLabel("pause");
          transfer.resume();
        } else {
          ui.pauseLabel("resume");
          transfer.pause();
          ui.say(ui.t("paused", "Paused."));
        }
      });
    }
    if (ui.cancel) {
      ui.cancel.addEventListener("click", function () {
        var job = form.vaultdropJob;
        if (!job) return;
        ui.controls(false);
        if (job.transfer) job.transfer.cancel();
        forgetFinished(form, true);
      });
    }
    // A new choice of files starts afresh; uploads finished for the old choice are deleted.
    fileInputs(form).forEach(function (input) {
      input.addEventListener("change", function () {
        if (!form.vaultdropJob) forgetFinished(form, true);
      });
    });
  }

  // ---------------------------------------------------------------------------- drop zone

  // Files of a drop. Folders (when the input takes several files) are walked through the
  // File and Directory Entries API, sub-folders included; their files are shared under their own
  // names (the server keeps names, not paths, so the zip of a share is flat; equal names are
  // numbered there). The entries must be taken during the drop event itself: the browser empties
  // the DataTransfer once the handler returns.
  function droppedFiles(transfer, multiple) {
    var entries = [];
    if (multiple && transfer.items) {
      Array.prototype.forEach.call(transfer.items, function (item) {
        var entry = item.kind === "file" && item.webkitGetAsEntry ? item.webkitGetAsEntry() : null;
        if (entry) entries.push(entry);
      });
    }
    var hasFolder = entries.some(function (entry) {
      return entry.isDirectory;
    });
    if (!hasFolder) return Promise.resolve(Array.prototype.slice.call(transfer.files || []));
    return Promise.all(entries.map(filesOfEntry)).then(flatten);
  }

  function filesOfEntry(entry) {
    if (entry.isFile) {
      return new Promise(function (resolve, reject) {
        entry.file(function (file) {
          resolve([file]);
        }, reject);
      });
    }
    if (!entry.isDirectory) return Promise.resolve([]);
    // readEntries answers in batches (100 at a time in Chromium) until it answers an empty one.
    var reader = entry.createReader();
    var children = [];
    return new Promise(function (resolve, reject) {
      function next() {
        reader.readEntries(function (batch) {
          if (!batch.length) {
            Promise.all(children.map(filesOfEntry)).then(flatten).then(resolve, reject);
            return;
          }
          Array.prototype.push.apply(children, batch);
          next();
        }, reject);
      }
      next();
    });
  }

  function flatten(lists) {
    return lists.reduce(function (all, list) {
      return all.concat(list);
    }, []);
  }

  // The drop zone: files (or, for an input that takes several, folders) dropped on it are chosen
  // in the form's file input. When the page has only one drop zone, a drop anywhere on the page
  // goes to it (instead of the browser opening the file). The chosen files are listed in the zone.
  function bindDropzone(form, ui, onlyZone) {
    var zone = form.querySelector("[data-dropzone]");
    var input = form.querySelector('input[type="file"]');
    if (!zone || !input) return;
    var target = onlyZone ? document.documentElement : zone;
    var depth = 0;
    target.addEventListener("dragenter", function (event) {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth++;
      zone.classList.add("dragging");
    });
    target.addEventListener("dragover", function (event) {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      zone.classList.add("dragging");
    });
    target.addEventListener("dragleave", function () {
      depth = Math.max(0, depth - 1);
      if (depth === 0) zone.classList.remove("dragging");
    });
    target.addEventListener("drop", function (event) {
      depth = 0;
      zone.classList.remove("dragging");
      if (!event.dataTransfer || !carriesFiles(event)) return;
      event.preventDefault();
      droppedFiles(event.dataTransfer, input.multiple)
        .then(function (files) {
          if (!files.length) return;
          var chosen = new DataTransfer();
          files.forEach(function (file) {
            chosen.items.add(file);
          });
          input.files = chosen.files;
          input.dispatchEvent(new Event("change", { bubbles: true }));
        })
        .catch(function () {
          // A folder the browser could not read: nothing is chosen, the user can pick files.
        });
    });
    input.addEventListener("change", function () {
      listChosen(zone, input, ui);
    });
  }

  function carriesFiles(event) {
    var types = event.dataTransfer && event.dataTransfer.types;
    return !!types && Array.prototype.indexOf.call(types, "Files") >= 0;
  }

  var LISTED_FILES = 20;

  // The chosen files under the input: name and size, the first LISTED_FILES of them.
  function listChosen(zone, input, ui) {
    var list = zone.querySelector(".file-list");
    if (!list) {
      list = document.createElement("ul");
      list.className = "file-list";
      zone.appendChild(list);
    }
    list.textContent = "";
    var files = Array.prototype.slice.call(input.files || []);
    files.slice(0, LISTED_FILES).forEach(function (file) {
      var item = document.createElement("li");
      var name = document.createElement("span");
      name.className = "file-name";
      name.textContent = file.name;
      var size = document.createElement("span");
      size.className = "file-size";
      size.textContent = ui.size(file.size);
      item.appendChild(name);
      item.appendChild(size);
      list.appendChild(item);
    });
    if (files.length > LISTED_FILES) {
      var more = document.createElement("li");
      more.textContent = fill(ui.t("more-files", "+{count}"), { count: files.length - LISTED_FILES });
      list.appendChild(more);
    }
    list.hidden = files.length === 0;
  }

  var forms = document.querySelectorAll("form[data-upload]");
  var zones = document.querySelectorAll("form[data-upload] [data-dropzone]");
  forms.forEach(function (form) {
    var ui = new Ui(form);
    bindDropzone(form, ui, zones.length === 1);
    bindControls(form, ui);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (form.vaultdropJob || (ui.button && ui.button.disabled)) return;
      if (resumable(form)) {
        sendResumable(form, ui);
      } else {
        sendMultipart(form, ui);
      }
    });
  });
})();
