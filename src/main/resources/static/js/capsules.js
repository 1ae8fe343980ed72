// capsules page behaviour (see upload.js for the upload contract).
// After an upload the JWE is shown with a copy button; nothing here sends it anywhere.
(function () {
  "use strict";

  var form = document.querySelector("form[data-capsule-create]");
  var result = document.querySelector("[data-capsule-result]");
  var output = document.querySelector("[data-capsule-jwe]");
  var copy = document.querySelector("[data-capsule-copy]");
  var copyStatus = document.querySelector("[data-capsule-copy-status]");
  if (!result || !output) return;

  if (form) {
    form.addEventListener("upload:done", function (event) {
      event.preventDefault();
      if (!event.detail || typeof event.detail.jwe !== "string") return;
      output.value = event.detail.jwe;
      result.hidden = false;
      if (copyStatus) copyStatus.textContent = "";
      output.focus();
      output.select();
    });
  }

  if (copy) {
    copy.addEventListener("click", function () {
      var done = function () {
        if (copyStatus) copyStatus.textContent = copy.getAttribute("data-text-copied") || "";
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(output.value).then(done, function () {
          output.select();
          if (document.execCommand("copy")) done();
        });
      } else {
        output.select();
        if (document.execCommand("copy")) done();
      }
    });
  }
})();
