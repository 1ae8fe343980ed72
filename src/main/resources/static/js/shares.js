// shares page behaviour (see upload.js for the upload contract).
(function () {
  "use strict";

  // Copy buttons: <button data-copy-target="input-id">.
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    button.addEventListener("click", function () {
      var input = document.getElementById(button.getAttribute("data-copy-target"));
      if (!input) return;
      input.select();
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(input.value).catch(function () {
          document.execCommand("copy");
        });
      } else {
        document.execCommand("copy");
      }
    });
  });

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

  // Landing page: a download is a form post answered by the file, so the page stays. Once the
  // server took the download, re-read the share and show the new count, or that the link is used
  // up (the API answers 404 then).
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

  // Upload page: show the new link (shown only once) instead of navigating away.
  var form = document.getElementById("share-upload");
  var result = document.getElementById("share-result");
  if (!form || !result) return;
  form.addEventListener("upload:done", function (event) {
    var share = event.detail;
    if (!share || !share.url) return;
    event.preventDefault();
    document.getElementById("share-result-link").value = share.url;
    document.getElementById("share-result-revoke").value = share.revokeToken;
    var list = document.getElementById("share-result-files");
    if (list) {
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
    }
    result.hidden = false;
    form.reset();
    document.getElementById("share-result-link").focus();
  });
})();
