// shares page behaviour (see upload.js for the upload contract).
(function () {
  "use strict";

  // Same units as the server's PageFormat.size: 1024-based, one decimal, no trailing ".0".
  function formatSize(bytes) {
    if (bytes < 1024) return bytes + " B";
    var units = ["B", "KB", "MB", "GB", "TB"];
    var value = bytes;
    var unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return value.toFixed(1).replace(/\.0$/, "") + " " + units[unit];
  }

  // Landing page: a download is a form post answered by a 303 to the file, so the page stays.
  // Once the server took the download, re-read the share and show the new count, or that the link
  // is used up (the API answers 404 then).
  var live = document.getElementById("share-live");
  var download = document.getElementById("share-download");
  if (live && download) {
    var left = document.getElementById("share-left");
    var before = left ? left.textContent.trim() : "";
    var announce = function (text) {
      live.textContent = text;
      live.hidden = false;
    };
    var poll = function (attempt) {
      fetch(live.getAttribute("data-api"), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        cache: "no-store"
      }).then(function (response) {
        if (response.status === 404) {
          // Nothing is left to download: the form goes (the form's display rule beats hidden).
          download.remove();
          if (left) left.textContent = "0";
          announce(live.getAttribute("data-msg-last"));
          return null;
        }
        return response.ok ? response.json() : null;
      }).then(function (share) {
        if (!share) return;
        var count = String(share.downloadsLeft);
        if (count === before && attempt < 10) {
          setTimeout(function () { poll(attempt + 1); }, 500);
          return;
        }
        before = count;
        if (left) left.textContent = count;
        announce(live.getAttribute("data-msg-left").replace("{0}", count));
      }).catch(function () { /* the reload still shows it */ });
    };
    download.addEventListener("submit", function () {
      setTimeout(function () { poll(0); }, 300);
    });
  }

  // Home and share page: the new link (shown only once) appears in the form's place, with its QR
  // code, files, expiry and downloads, a copy button and a revoke button.
  var form = document.getElementById("share-upload");
  var result = document.getElementById("share-result");
  if (!form || !result) return;
  var share = null;
  form.addEventListener("upload:done", function (event) {
    var answer = event.detail;
    if (!answer || !answer.link || !answer.link.url) return;
    event.preventDefault();
    share = answer.link;
    document.getElementById("share-result-link").value = share.url;
    document.getElementById("share-result-revoke").value = share.revokeToken;
    var qr = document.getElementById("share-result-qr");
    var svg = new DOMParser().parseFromString(answer.qr, "image/svg+xml").documentElement;
    qr.textContent = "";
    if (svg && svg.nodeName.toLowerCase() === "svg") qr.appendChild(document.importNode(svg, true));
    var expires = document.getElementById("share-result-expires");
    expires.setAttribute("datetime", share.expiresAt);
    expires.textContent = share.expiresAt;
    if (window.Vaultdrop) window.Vaultdrop.localTime(expires);
    document.getElementById("share-result-downloads").textContent = String(share.maxDownloads);
    var list = document.getElementById("share-result-files");
    list.textContent = "";
    (share.files || []).forEach(function (file) {
      var item = document.createElement("li");
      var name = document.createElement("span");
      name.className = "share-name";
      name.textContent = file.name;
      var size = document.createElement("span");
      size.className = "share-file-size";
      size.textContent = formatSize(file.size);
      item.appendChild(name);
      item.appendChild(size);
      list.appendChild(item);
    });
    form.reset();
    form.hidden = true;
    result.hidden = false;
    result.focus();
  });

  // A refused form (400: a field the server did not accept) shows its options, where the fields are.
  form.addEventListener("upload:failed", function (event) {
    var options = form.querySelector(".share-options");
    if (options && event.detail && event.detail.status === 400) options.open = true;
  });

  // Revoke right away, with the revoke token (DELETE /api/v1/shares/{token}).
  var revoke = result.querySelector("[data-share-revoke]");
  var revokeStatus = result.querySelector("[data-share-revoke-status]");
  if (!revoke) return;
  revoke.addEventListener("click", function () {
    if (!share) return;
    var question = revoke.getAttribute("data-confirm-text");
    if (question && !window.confirm(question)) return;
    var headers = { "Revoke-Token": share.revokeToken, Accept: "application/problem+json" };
    var csrf = document.querySelector('meta[name="_csrf"]');
    var csrfHeader = document.querySelector('meta[name="_csrf_header"]');
    if (csrf && csrfHeader) headers[csrfHeader.content] = csrf.content;
    revoke.disabled = true;
    fetch("/api/v1/shares/" + encodeURIComponent(share.token), {
      method: "DELETE",
      headers: headers,
      credentials: "same-origin",
    })
      .then(function (response) {
        if (response.status !== 204) throw new Error(String(response.status));
        revokeStatus.className = "notice";
        revokeStatus.textContent = result.getAttribute("data-text-revoked");
        document.getElementById("share-result-link").value = "";
        result.querySelectorAll("[data-copy-target]").forEach(function (button) {
          button.disabled = true;
        });
      })
      .catch(function () {
        revoke.disabled = false;
        revokeStatus.className = "notice error";
        revokeStatus.textContent = result.getAttribute("data-text-revoke-failed");
      });
  });
})();
