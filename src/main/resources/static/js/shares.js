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
    result.hidden = false;
    form.reset();
    document.getElementById("share-result-link").focus();
  });
})();
