// Progressive upload for any <form data-upload enctype="multipart/form-data">.
//
// Contract for pages:
//  - Without JavaScript the form posts normally; the server answers with a page.
//  - With JavaScript the form is sent with XHR (Accept: application/json, the CSRF token from
//    the form's hidden _csrf input or <meta name="_csrf"> in the header <meta name="_csrf_header">), and:
//      * [data-upload-progress] (a <progress>) shows the upload progress,
//      * [data-upload-status] receives short status texts (data-text-* attributes on the form),
//      * [data-dropzone] accepts a dragged file into the form's file input,
//      * on success the form fires "upload:done" with the parsed JSON as event.detail; if nobody
//        calls preventDefault() and the JSON has "redirect", the page navigates there,
//      * on failure it fires "upload:failed" with {status, problem} (problem+json when present)
//        and shows the problem's detail or title.
(function () {
  "use strict";

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

  function bindDropzone(form) {
    var zone = form.querySelector("[data-dropzone]");
    var input = form.querySelector('input[type="file"]');
    if (!zone || !input) return;
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add("dragging");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () {
        zone.classList.remove("dragging");
      });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
  }

  function send(form, event) {
    event.preventDefault();
    var progress = form.querySelector("[data-upload-progress]");
    var status = form.querySelector("[data-upload-status]");
    var button = form.querySelector('[type="submit"]');
    var xhr = new XMLHttpRequest();
    xhr.open(form.method || "POST", form.action);
    xhr.setRequestHeader("Accept", "application/json");
    var token = csrf(form);
    if (token) xhr.setRequestHeader(token.header, token.token);
    if (progress) {
      progress.hidden = false;
      progress.value = 0;
    }
    if (button) button.disabled = true;
    if (status) status.textContent = text(form, "uploading", "Uploading…");
    xhr.upload.addEventListener("progress", function (e) {
      if (progress && e.lengthComputable) progress.value = e.loaded / e.total;
      if (status && e.lengthComputable && e.loaded === e.total) {
        status.textContent = text(form, "processing", "Encrypting…");
      }
    });
    xhr.addEventListener("load", function () {
      if (button) button.disabled = false;
      var body = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch (ignored) {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        if (status) status.textContent = text(form, "done", "Done.");
        var done = new CustomEvent("upload:done", { detail: body, cancelable: true });
        if (form.dispatchEvent(done) && body && body.redirect) {
          window.location.assign(body.redirect);
        }
      } else {
        var message = body && (body.detail || body.title);
        if (status) status.textContent = message || text(form, "failed", "The upload failed.");
        form.dispatchEvent(
          new CustomEvent("upload:failed", { detail: { status: xhr.status, problem: body } })
        );
      }
    });
    xhr.addEventListener("error", function () {
      if (button) button.disabled = false;
      if (status) status.textContent = text(form, "failed", "The upload failed.");
      form.dispatchEvent(new CustomEvent("upload:failed", { detail: { status: 0, problem: null } }));
    });
    xhr.send(new FormData(form));
  }

  document.querySelectorAll("form[data-upload]").forEach(function (form) {
    bindDropzone(form);
    form.addEventListener("submit", function (event) {
      send(form, event);
    });
  });
})();
