// Encrypt/decrypt tool pages (see upload.js for the upload contract).
// After a download button was used, mark it as done so the person sees what is still waiting.
(function () {
  "use strict";
  var links = document.querySelectorAll(".tool-downloads a.button");
  if (!links.length) return;
  links.forEach(function (link) {
    link.addEventListener("click", function () {
      link.classList.add("done");
    });
  });
})();
