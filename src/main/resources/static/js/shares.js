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
